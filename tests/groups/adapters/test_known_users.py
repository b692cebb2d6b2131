"""Groups' record of which users exist, and whom each lets add them, on SQLite, on PostgreSQL and in
the application tests' fake."""

from contexts.groups.domain.who_can_add import WhoCanAdd
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.groups.adapters.conftest import UnitOfWorkFactory

pytestmark = ALSO_ON_THE_FAKE


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


async def test_a_user_who_never_chose_lets_everyone_add_them(unit_of_work: UnitOfWorkFactory) -> None:
    alice, stranger = new_id(), new_id()
    async with unit_of_work() as uow:
        await uow.known_users.add(alice)
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.known_users.who_can_add([alice, stranger]) == {
            alice: WhoCanAdd.EVERYONE,
            stranger: WhoCanAdd.EVERYONE,
        }
        assert await uow.known_users.who_can_add([]) == {}


async def test_a_choice_is_stored_and_the_last_one_counts(unit_of_work: UnitOfWorkFactory) -> None:
    alice, bob = new_id(), new_id()
    async with unit_of_work() as uow:
        await uow.known_users.add(alice)
        await uow.known_users.add(bob)
        await uow.commit()
    for choice in (WhoCanAdd.CONTACTS, WhoCanAdd.EVERYONE, WhoCanAdd.CONTACTS):
        async with unit_of_work() as uow:
            await uow.known_users.choose_who_can_add(alice, choice)
            await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.known_users.who_can_add([alice, bob]) == {
            alice: WhoCanAdd.CONTACTS,
            bob: WhoCanAdd.EVERYONE,
        }


async def test_choosing_makes_a_user_known_and_their_registration_keeps_the_choice(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    alice = new_id()
    async with unit_of_work() as uow:
        await uow.known_users.choose_who_can_add(alice, WhoCanAdd.CONTACTS)
        await uow.commit()
    async with unit_of_work() as uow:
        await uow.known_users.add(alice)  # identity's registration, arriving late
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.known_users.unknown_among([alice]) == set()
        assert await uow.known_users.who_can_add([alice]) == {alice: WhoCanAdd.CONTACTS}


async def test_a_choice_is_not_stored_without_a_commit(unit_of_work: UnitOfWorkFactory) -> None:
    alice = new_id()
    async with unit_of_work() as uow:
        await uow.known_users.choose_who_can_add(alice, WhoCanAdd.CONTACTS)

    async with unit_of_work() as uow:
        assert await uow.known_users.who_can_add([alice]) == {alice: WhoCanAdd.EVERYONE}
        assert await uow.known_users.unknown_among([alice]) == {alice}
