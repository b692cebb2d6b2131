"""Group conversations follow their groups through groups' events, translated by the
anti-corruption layer, one change at a time however often each arrives; a change that skips
ahead is refused."""

import dataclasses
import json
from itertools import permutations
from uuid import UUID

import pytest

from contexts.messaging.contracts.events import ConversationChanged, ConversationCreated, MessageSent
from contexts.messaging.domain.errors import (
    ConversationClosedError,
    ConversationNotFoundError,
    MayNotDeleteError,
)
from contexts.messaging.domain.participant_role import ParticipantRole
from kernel.ids import new_id
from kernel.integration_event import IntegrationEvent
from kernel.versions import VersionGapError
from tests.messaging.application.conftest import Messaging
from tests.messaging.group_story import GroupStory

MODERATOR, PARTICIPANT = ParticipantRole.MODERATOR, ParticipantRole.PARTICIPANT


def participants(messaging: Messaging, group: GroupStory) -> dict[UUID, ParticipantRole]:
    return messaging.database.conversations[group.group_id].participants


async def test_a_created_group_gets_a_conversation_with_its_id_name_and_members(messaging: Messaging) -> None:
    owner, member = new_id(), new_id()
    group = GroupStory(owner, "Crew")

    await messaging.group_events([group.created(member)])

    conversation = messaging.database.conversations[group.group_id]
    assert (conversation.title, conversation.participants) == (
        "Crew",
        {owner: MODERATOR, member: PARTICIPANT},
    )
    [created] = messaging.database.published(ConversationCreated)
    assert created.conversation["id"] == str(group.group_id)
    assert (created.conversation["kind"], created.conversation["title"]) == ("group", "Crew")
    assert created.conversation["participant_ids"] == sorted([str(owner), str(member)])


async def test_members_post_while_they_are_members(messaging: Messaging) -> None:
    owner, member = new_id(), new_id()
    group = GroupStory(owner)
    await messaging.group_events([group.created()])

    with pytest.raises(ConversationNotFoundError):
        await messaging.send_message(
            member, conversation_id=group.group_id, client_message_id="c-1", body="before"
        )
    await messaging.group_events([group.member_added(member)])
    message, _ = await messaging.send_message(
        member, conversation_id=group.group_id, client_message_id="c-2", body="while a member"
    )
    await messaging.group_events([group.member_removed(member)])
    with pytest.raises(ConversationNotFoundError):
        await messaging.send_message(
            member, conversation_id=group.group_id, client_message_id="c-3", body="after"
        )

    assert message.seq == 1
    [sent] = messaging.database.published(MessageSent)
    assert (sent.conversation_kind, sent.message["conversation_id"]) == ("group", str(group.group_id))
    added, removed = messaging.database.published(ConversationChanged)
    assert (added.added_participant_ids, added.removed_participant_ids) == ([str(member)], [])
    assert (removed.added_participant_ids, removed.removed_participant_ids) == ([], [str(member)])
    assert removed.conversation["participant_ids"] == [str(owner)]


async def told_of_one_message(messaging: Messaging, members: int) -> list[IntegrationEvent]:
    """What a group of `members` publishes for a message sent, edited, read and deleted in it."""
    owner = new_id()
    group = GroupStory(owner)
    await messaging.group_events([group.created(*(new_id() for _ in range(members - 1)))])
    published = len(messaging.database.outbox)
    message, _ = await messaging.send_message(
        owner, conversation_id=group.group_id, client_message_id="c-1", body="hello"
    )
    await messaging.edit_message(
        owner, conversation_id=group.group_id, message_id=message.id, body="hello, edited"
    )
    await messaging.mark_conversation_read(owner, conversation_id=group.group_id, seq=1)
    await messaging.delete_message(owner, conversation_id=group.group_id, message_id=message.id)
    return messaging.database.outbox[published:]


async def test_a_message_in_a_group_of_a_thousand_is_published_in_as_many_bytes_as_in_a_group_of_two(
    messaging: Messaging,
) -> None:
    to_small = await told_of_one_message(messaging, 2)
    to_large = await told_of_one_message(messaging, 1000)

    assert [event.type for event in to_large] == [
        "messaging.message_sent",
        "messaging.message_edited",
        "messaging.conversation_read",
        "messaging.message_deleted",
    ]
    assert [len(json.dumps(event.data)) for event in to_large] == [
        len(json.dumps(event.data)) for event in to_small
    ]
    assert not any("participant_ids" in event.data for event in to_large)
    assert all(event.data_version >= 2 for event in to_large)  # from 2 on, without participant_ids


async def test_owners_and_admins_moderate_members_do_not(messaging: Messaging) -> None:
    owner, admin, member = new_id(), new_id(), new_id()
    group = GroupStory(owner)
    await messaging.group_events([group.created(admin, member)])
    await messaging.group_events([group.role_changed(admin, "admin")])
    by_owner, _ = await messaging.send_message(
        owner, conversation_id=group.group_id, client_message_id="c-1", body="rules"
    )
    by_admin, _ = await messaging.send_message(
        admin, conversation_id=group.group_id, client_message_id="c-2", body="welcome"
    )

    with pytest.raises(MayNotDeleteError):
        await messaging.delete_message(member, conversation_id=group.group_id, message_id=by_admin.id)
    await messaging.delete_message(admin, conversation_id=group.group_id, message_id=by_owner.id)
    await messaging.delete_message(owner, conversation_id=group.group_id, message_id=by_admin.id)

    assert messaging.database.messages[by_owner.id].deleted
    assert messaging.database.messages[by_admin.id].deleted


async def test_a_role_groups_may_add_later_only_participates(messaging: Messaging) -> None:
    owner, guest = new_id(), new_id()
    group = GroupStory(owner)
    await messaging.group_events([group.created()])

    await messaging.group_events([group.member_added(guest, role="guest")])

    assert participants(messaging, group)[guest] is PARTICIPANT


async def test_a_renamed_group_renames_its_conversation(messaging: Messaging) -> None:
    group = GroupStory(new_id(), "Crew")
    await messaging.group_events([group.created()])

    await messaging.group_events([group.renamed("Old crew")])

    assert messaging.database.conversations[group.group_id].title == "Old crew"
    [changed] = messaging.database.published(ConversationChanged)
    assert changed.conversation["title"] == "Old crew"


async def test_a_deleted_group_leaves_a_closed_conversation_whose_history_its_members_keep(
    messaging: Messaging,
) -> None:
    owner, member = new_id(), new_id()
    group = GroupStory(owner)
    await messaging.group_events([group.created(member)])
    message, _ = await messaging.send_message(
        member, conversation_id=group.group_id, client_message_id="c-1", body="hello"
    )

    await messaging.group_events([group.deleted()])

    with pytest.raises(ConversationClosedError):
        await messaging.send_message(
            member, conversation_id=group.group_id, client_message_id="c-2", body="anyone?"
        )
    with pytest.raises(ConversationClosedError):
        await messaging.edit_message(
            member, conversation_id=group.group_id, message_id=message.id, body="edited"
        )
    with pytest.raises(ConversationClosedError):
        await messaging.delete_message(owner, conversation_id=group.group_id, message_id=message.id)
    assert await messaging.send_message(
        member, conversation_id=group.group_id, client_message_id="c-1", body="hello"
    ) == (message, False)
    await messaging.mark_conversation_read(owner, conversation_id=group.group_id, seq=1)
    conversation = messaging.database.conversations[group.group_id]
    assert (conversation.closed, conversation.participant_ids) == (True, frozenset({owner, member}))
    [changed] = messaging.database.published(ConversationChanged)
    assert changed.conversation["closed"] is True


async def test_each_change_applied_in_order_and_delivered_twice_leaves_the_latest_group(
    messaging: Messaging,
) -> None:
    owner, bob, carol = new_id(), new_id(), new_id()
    group = GroupStory(owner, "Crew")
    history = [
        group.created(),
        group.member_added(bob),
        group.member_added(carol),
        group.member_removed(bob),
        group.role_changed(carol, "admin"),
        group.renamed("Crew II"),
    ]

    for event in history:
        await messaging.group_events([event, event])
    await messaging.group_events(history)

    conversation = messaging.database.conversations[group.group_id]
    assert (conversation.participants, conversation.title) == (
        {owner: MODERATOR, carol: MODERATOR},
        "Crew II",
    )
    assert conversation.group_version == 6
    assert len(messaging.database.published(ConversationCreated)) == 1


async def test_a_change_that_skips_ahead_is_refused_and_applied_once_the_missing_one_is(
    messaging: Messaging,
) -> None:
    owner, bob, carol = new_id(), new_id(), new_id()
    group = GroupStory(owner)
    created, bob_added, carol_added = group.created(), group.member_added(bob), group.member_added(carol)
    await messaging.group_events([created])

    with pytest.raises(VersionGapError):
        await messaging.group_events([carol_added])
    assert participants(messaging, group) == {owner: MODERATOR}

    await messaging.group_events([bob_added, carol_added])
    assert participants(messaging, group) == {owner: MODERATOR, bob: PARTICIPANT, carol: PARTICIPANT}


async def test_a_change_to_a_group_never_created_here_is_refused(messaging: Messaging) -> None:
    group = GroupStory(new_id())
    group.created()

    with pytest.raises(VersionGapError):
        await messaging.group_events([group.member_added(new_id())])
    assert group.group_id not in messaging.database.conversations


async def test_events_from_before_version_2_carry_the_whole_group_in_any_order_and_twice(
    messaging: Messaging,
) -> None:
    owner, bob, carol = new_id(), new_id(), new_id()
    group = GroupStory(owner, "Crew", whole=True)
    history = [
        group.created(),
        group.member_added(bob),
        group.member_added(carol),
        group.member_removed(bob),
        group.role_changed(carol, "admin"),
    ]

    for order in permutations(history):
        messaging.database.conversations.clear()
        messaging.database.inbox.clear()
        messaging.database.outbox.clear()
        for event in (*order, *order):
            await messaging.group_events([event])

        assert participants(messaging, group) == {owner: MODERATOR, carol: MODERATOR}, order
        assert messaging.database.conversations[group.group_id].group_version == 5


async def test_changes_follow_on_from_a_group_last_told_whole(messaging: Messaging) -> None:
    owner, bob, carol = new_id(), new_id(), new_id()
    group = GroupStory(owner, "Crew", whole=True)
    await messaging.group_events([group.created(), group.member_added(bob)])
    group.whole = False

    await messaging.group_events([group.member_added(carol), group.member_removed(bob)])

    assert participants(messaging, group) == {owner: MODERATOR, carol: PARTICIPANT}


async def test_the_same_news_published_again_under_a_new_event_id_changes_nothing(
    messaging: Messaging,
) -> None:
    owner, member = new_id(), new_id()
    group = GroupStory(owner)
    await messaging.group_events([group.created()])
    added = group.member_added(member)
    removed = group.member_removed(member)
    await messaging.group_events([added])
    await messaging.group_events([removed])

    # A replayed topic, or a publisher that lost its outbox marks, tells old news under new ids.
    await messaging.group_events([dataclasses.replace(added, id=new_id())])

    assert participants(messaging, group) == {owner: MODERATOR}
