"""The read marker repository's and the user directory's contracts, on SQLite, on PostgreSQL and
in the application tests' fake."""

from contexts.messaging.domain.read_marker import ReadMarker
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.messaging.adapters.conftest import UnitOfWorkFactory
from tests.messaging.builders import a_direct_conversation

pytestmark = ALSO_ON_THE_FAKE


async def test_a_marker_starts_at_0_and_keeps_what_is_saved(unit_of_work: UnitOfWorkFactory) -> None:
    conversation = a_direct_conversation()
    reader = next(iter(conversation.participant_ids))
    async with unit_of_work() as uow:
        await uow.conversations.add(conversation)
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.read_markers.get_for_update(conversation.id, reader) == ReadMarker(
            conversation.id, reader, 0
        )
        await uow.read_markers.save(ReadMarker(conversation.id, reader, 7))
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.read_markers.get_for_update(conversation.id, reader) == ReadMarker(
            conversation.id, reader, 7
        )


async def test_known_users_are_those_recorded_once_or_twice(unit_of_work: UnitOfWorkFactory) -> None:
    alice = new_id()
    async with unit_of_work() as uow:
        await uow.known_users.record(alice, "alice")
        await uow.known_users.record(alice, "alice")
        await uow.commit()

    async with unit_of_work() as uow:
        await uow.known_users.record(alice, "alice")
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.known_users.contains(alice)
        assert not await uow.known_users.contains(new_id())


async def test_known_users_are_found_by_the_username_they_go_by_now(unit_of_work: UnitOfWorkFactory) -> None:
    alice, bob = new_id(), new_id()
    async with unit_of_work() as uow:
        await uow.known_users.record(alice, "alice")
        await uow.known_users.record(bob, "bob")
        await uow.commit()
    async with unit_of_work() as uow:
        await uow.known_users.record(alice, "alicia")
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.known_users.ids_of(["alice", "alicia", "bob", "nobody"]) == {
            "alicia": alice,
            "bob": bob,
        }
        assert await uow.known_users.ids_of([]) == {}
