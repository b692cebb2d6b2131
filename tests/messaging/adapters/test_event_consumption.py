"""Messaging consumes identity's and groups' events as the runtime subscribes it, on real databases:
through its container's subscriptions, each event applied once, each change of a group in turn."""

import random
from collections.abc import AsyncIterator
from uuid import UUID

import pytest

from contexts.identity.contracts.events import UserRegistered
from contexts.messaging.container import MessagingContainer
from contexts.messaging.domain.participant_role import ParticipantRole
from kernel.ids import new_id
from kernel.integration_event import EventBatchHandler, IntegrationEvent
from kernel.rfc3339 import rfc3339
from kernel.versions import VersionGapError
from tests.messaging.builders import NOW
from tests.messaging.composition import composed_messaging
from tests.messaging.group_story import GroupStory


@pytest.fixture
async def messaging(database_url: str) -> AsyncIterator[tuple[MessagingContainer, EventBatchHandler]]:
    async with composed_messaging(database_url) as composed:
        yield composed


async def participants(container: MessagingContainer, conversation_id: UUID) -> dict[UUID, ParticipantRole]:
    async with container.unit_of_work() as uow:
        conversation = await uow.conversations.get(conversation_id)
    assert conversation is not None
    return conversation.participants


async def conversation_of(container: MessagingContainer, group: GroupStory) -> tuple[str | None, int | None]:
    async with container.unit_of_work() as uow:
        conversation = await uow.conversations.get(group.group_id)
    assert conversation is not None
    return conversation.title, conversation.group_version


def life_of(group: GroupStory, bob: UUID, carol: UUID) -> list[IntegrationEvent]:
    return [
        group.created(bob),
        group.member_added(carol),
        group.role_changed(carol, "admin"),
        group.role_changed(carol, "owner"),
        group.member_removed(bob),
        group.renamed("Crew, renamed"),
    ]


async def test_groups_changes_redelivered_in_batches_leave_the_latest_membership(
    messaging: tuple[MessagingContainer, EventBatchHandler],
) -> None:
    container, deliver = messaging
    owner, bob, carol = new_id(), new_id(), new_id()
    group = GroupStory(owner)
    history = life_of(group, bob, carol)

    for told in range(1, len(history) + 1):  # each batch redelivers what came before it
        await deliver(history[max(0, told - 3) : told])

    assert await participants(container, group.group_id) == {
        owner: ParticipantRole.MODERATOR,
        carol: ParticipantRole.MODERATOR,
    }
    assert await conversation_of(container, group) == ("Crew, renamed", 6)


async def test_a_change_that_skips_ahead_fails_its_batch_and_stores_nothing(
    messaging: tuple[MessagingContainer, EventBatchHandler],
) -> None:
    container, deliver = messaging
    owner, bob, carol = new_id(), new_id(), new_id()
    group = GroupStory(owner)
    created, renamed, bob_added, carol_added = (
        group.created(),
        group.renamed("Crew, renamed"),
        group.member_added(bob),
        group.member_added(carol),
    )
    await deliver([created])

    with pytest.raises(VersionGapError):
        await deliver([renamed, carol_added])

    assert await conversation_of(container, group) == ("Crew", 1)
    await deliver([renamed, bob_added, carol_added])
    assert set(await participants(container, group.group_id)) == {owner, bob, carol}


async def test_groups_events_from_before_version_2_shuffled_and_redelivered_leave_the_latest_membership(
    messaging: tuple[MessagingContainer, EventBatchHandler],
) -> None:
    container, deliver = messaging
    owner, bob, carol = new_id(), new_id(), new_id()
    group = GroupStory(owner, whole=True)
    deliveries = life_of(group, bob, carol) * 2
    random.Random(7).shuffle(deliveries)

    for start in range(0, len(deliveries), 3):  # in batches, as the bus hands them over
        await deliver(deliveries[start : start + 3])

    assert await participants(container, group.group_id) == {
        owner: ParticipantRole.MODERATOR,
        carol: ParticipantRole.MODERATOR,
    }
    assert await conversation_of(container, group) == ("Crew, renamed", 6)


async def test_registered_users_may_be_talked_to(
    messaging: tuple[MessagingContainer, EventBatchHandler],
) -> None:
    container, deliver = messaging
    alice, bob = new_id(), new_id()
    registered = UserRegistered(
        user_id=str(bob), username="bob", display_name="Bob", created_at=rfc3339(NOW)
    ).to_event(subject=str(bob), time=NOW)

    await deliver([registered])
    await deliver([registered, registered])

    conversation, created = await container.open_direct_conversation()(alice, other_id=bob)
    assert created
    assert conversation.participant_ids == sorted([alice, bob])
