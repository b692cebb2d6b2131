"""Groups' record of which users exist, on SQLite and on PostgreSQL."""

from kernel.ids import new_id
from tests.groups.adapters.conftest import UnitOfWorkFactory


async def test_recorded_users_are_known_and_others_are_not(unit_of_work: UnitOfWorkFactory) -> None:
    alice, bob, stranger = new_id(), new_id(), new_id()
    async with unit_of_work() as uow:
        await uow.known_users.add(alice)
        await uow.known_users.add(bob)
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.known_users.unknown_among([alice, bob, stranger]) == {stranger}
        assert await uow.known_users.unknown_among([alice]) == set()
        assert await uow.known_users.unknown_among([]) == set()


async def test_recording_a_known_user_again_changes_nothing(unit_of_work: UnitOfWorkFactory) -> None:
    alice = new_id()
    for _ in range(2):
        async with unit_of_work() as uow:
            await uow.known_users.add(alice)
            await uow.known_users.add(alice)
            await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.known_users.unknown_among([alice]) == set()


async def test_nothing_is_recorded_without_a_commit(unit_of_work: UnitOfWorkFactory) -> None:
    alice = new_id()
    async with unit_of_work() as uow:
        await uow.known_users.add(alice)

    async with unit_of_work() as uow:
        assert await uow.known_users.unknown_among([alice]) == {alice}
