"""The conversation repository's contract, on SQLite, on PostgreSQL and in the application tests' fake."""

from datetime import timedelta

import pytest

from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.ports.conversation_repository import ConversationAlreadyExistsError
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.messaging.adapters.conftest import UnitOfWorkFactory
from tests.messaging.builders import (
    MODERATOR,
    NOW,
    PARTICIPANT,
    a_direct_conversation,
    a_group,
    a_group_conversation,
    post,
)

pytestmark = ALSO_ON_THE_FAKE


def state(conversation: Conversation | None) -> tuple[object, ...]:
    assert conversation is not None
    return (
        conversation.id,
        conversation.kind,
        conversation.title,
        conversation.participants,
        conversation.created_at,
        conversation.last_seq,
        conversation.closed,
        conversation.group_version,
    )


@pytest.mark.parametrize(
    "conversation",
    [a_direct_conversation(), a_group_conversation({new_id(): MODERATOR, new_id(): PARTICIPANT})],
    ids=["direct", "group"],
)
async def test_a_conversation_reads_back_as_it_was_added(
    unit_of_work: UnitOfWorkFactory, conversation: Conversation
) -> None:
    async with unit_of_work() as uow:
        await uow.conversations.add(conversation)
        await uow.commit()

    async with unit_of_work() as uow:
        assert state(await uow.conversations.get(conversation.id)) == state(conversation)
        assert state(await uow.conversations.get_for_update(conversation.id)) == state(conversation)


async def test_changes_to_participants_title_sequence_and_closing_are_saved(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    owner, staying, leaving, joining = new_id(), new_id(), new_id(), new_id()
    conversation = a_group_conversation({owner: MODERATOR, staying: PARTICIPANT, leaving: PARTICIPANT})
    async with unit_of_work() as uow:
        await uow.conversations.add(conversation)
        await uow.commit()

    async with unit_of_work() as uow:
        stored = await uow.conversations.get_for_update(conversation.id)
        assert stored is not None
        post(stored, staying)
        stored.follow(
            a_group(
                {owner: MODERATOR, staying: MODERATOR, joining: PARTICIPANT},
                version=2,
                name="Renamed",
                deleted=True,
                group_id=conversation.id,
            ),
            NOW + timedelta(minutes=1),
        )
        await uow.conversations.save(stored)
        await uow.commit()

    async with unit_of_work() as uow:
        assert state(await uow.conversations.get(conversation.id)) == state(stored)
    assert stored.participants == {owner: MODERATOR, staying: MODERATOR, joining: PARTICIPANT}
    assert (stored.last_seq, stored.title, stored.closed, stored.group_version) == (1, "Renamed", True, 2)


async def test_a_second_conversation_with_the_same_id_is_refused(unit_of_work: UnitOfWorkFactory) -> None:
    alice, bob = new_id(), new_id()
    async with unit_of_work() as uow:
        await uow.conversations.add(a_direct_conversation(alice, bob))
        await uow.commit()

    async with unit_of_work() as uow:
        with pytest.raises(ConversationAlreadyExistsError):
            await uow.conversations.add(a_direct_conversation(bob, alice))


async def test_an_unknown_conversation_is_none(unit_of_work: UnitOfWorkFactory) -> None:
    async with unit_of_work() as uow:
        assert await uow.conversations.get(new_id()) is None
        assert await uow.conversations.get_for_update(new_id()) is None
