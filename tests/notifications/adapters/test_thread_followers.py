"""Notifications' copy of who follows each thread, on real databases and in the application
tests' fake: following is idempotent, kept only once committed, and each thread apart."""

from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.notifications.adapters.conftest import UnitOfWorkFactory

pytestmark = ALSO_ON_THE_FAKE


async def test_followers_add_up_per_thread_and_following_again_changes_nothing(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    alice, bob, carol = new_id(), new_id(), new_id()
    thread, other, unknown = new_id(), new_id(), new_id()

    async with unit_of_work() as uow:
        await uow.thread_followers.follow(thread, {alice, bob})
        await uow.thread_followers.follow(other, {carol})
        assert await uow.thread_followers.of(thread) == {alice, bob}
        await uow.commit()
    async with unit_of_work() as uow:
        await uow.thread_followers.follow(thread, {bob, carol})
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.thread_followers.of(thread) == {alice, bob, carol}
        assert await uow.thread_followers.of(other) == {carol}
        assert await uow.thread_followers.of(unknown) == frozenset()


async def test_followers_not_committed_are_forgotten(unit_of_work: UnitOfWorkFactory) -> None:
    thread = new_id()

    async with unit_of_work() as uow:
        await uow.thread_followers.follow(thread, {new_id()})

    async with unit_of_work() as uow:
        assert await uow.thread_followers.of(thread) == frozenset()
