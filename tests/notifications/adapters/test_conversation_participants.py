"""Notifications' copy of who takes part in each conversation, on real databases and in the
application tests' fake: the newest telling stands, whatever order tellings come in and however
many take part."""

from contexts.notifications.domain.conversation import Conversation
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.notifications.adapters.conftest import UnitOfWorkFactory

pytestmark = ALSO_ON_THE_FAKE


async def test_each_conversation_is_as_its_newest_telling_says(unit_of_work: UnitOfWorkFactory) -> None:
    alice, bob, carol = new_id(), new_id(), new_id()
    group, direct, unknown = new_id(), new_id(), new_id()

    async with unit_of_work() as uow:
        assert await uow.participants.record(
            Conversation(id=group, participant_ids=frozenset({alice, bob}), revision=1)
        )
        assert await uow.participants.record(
            Conversation(id=direct, participant_ids=frozenset({alice, bob}), revision=1)
        )
        assert await uow.participants.record(
            Conversation(id=group, participant_ids=frozenset({alice, carol}), revision=3)
        )
        await uow.commit()
    async with unit_of_work() as uow:
        assert not await uow.participants.record(
            Conversation(id=group, participant_ids=frozenset({bob}), revision=2)
        )
        assert await uow.participants.record(
            Conversation(id=group, participant_ids=frozenset({alice, carol}), revision=3)
        )
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.participants.of([group, direct, unknown]) == {
            group: {alice, carol},
            direct: {alice, bob},
        }
        assert await uow.participants.of([]) == {}


async def test_a_thousand_participants_are_read_back_in_one_row(unit_of_work: UnitOfWorkFactory) -> None:
    crowd, conversation = frozenset(new_id() for _ in range(1000)), new_id()

    async with unit_of_work() as uow:
        await uow.participants.record(Conversation(id=conversation, participant_ids=crowd, revision=1))
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.participants.of([conversation]) == {conversation: crowd}
