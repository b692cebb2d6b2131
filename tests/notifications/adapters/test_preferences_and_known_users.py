"""Mutes and the username directory on real databases and in the application tests' fake."""

from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.notifications.adapters.conftest import UnitOfWorkFactory

pytestmark = ALSO_ON_THE_FAKE


async def test_the_last_preference_set_for_a_conversation_stands(unit_of_work: UnitOfWorkFactory) -> None:
    bob, carol, dave = new_id(), new_id(), new_id()
    conversation, other = new_id(), new_id()

    async with unit_of_work() as uow:
        await uow.preferences.set_muted(bob, conversation, muted=True)
        await uow.preferences.set_muted(carol, conversation, muted=True)
        await uow.preferences.set_muted(dave, other, muted=True)
        await uow.commit()
    async with unit_of_work() as uow:
        await uow.preferences.set_muted(carol, conversation, muted=False)
        await uow.preferences.set_muted(bob, conversation, muted=True)
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.preferences.muted_among(conversation, [bob, carol, dave]) == {bob}
        assert await uow.preferences.muted_among(other, [bob, carol, dave]) == {dave}
        assert await uow.preferences.muted_among(conversation, []) == set()


async def test_a_username_names_the_user_who_goes_by_it_now(unit_of_work: UnitOfWorkFactory) -> None:
    bob, carol = new_id(), new_id()

    async with unit_of_work() as uow:
        await uow.known_users.record(bob, "bob")
        await uow.known_users.record(carol, "carol")
        await uow.commit()
    async with unit_of_work() as uow:
        await uow.known_users.record(bob, "robert")
        await uow.known_users.record(bob, "robert")
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.known_users.ids_of(["bob", "robert", "carol", "nobody"]) == {
            "robert": bob,
            "carol": carol,
        }
        assert await uow.known_users.ids_of([]) == {}
