"""Unread counts on real databases and in the application tests' fake: transactions changing one
count at once all count."""

import asyncio

from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.notifications.adapters.conftest import UnitOfWorkFactory

pytestmark = ALSO_ON_THE_FAKE


async def test_a_count_starts_at_0_and_adds_up_changes(unit_of_work: UnitOfWorkFactory) -> None:
    bob, carol = new_id(), new_id()

    async with unit_of_work() as uow:
        assert await uow.unread_counts.of(bob) == 0
        await uow.unread_counts.add(bob, 3)
        await uow.unread_counts.add(bob, -1)
        await uow.commit()
    async with unit_of_work() as uow:
        await uow.unread_counts.add(bob, 1)

    async with unit_of_work() as uow:
        assert await uow.unread_counts.of(bob) == 2
        assert await uow.unread_counts.of(carol) == 0


async def test_concurrent_changes_to_one_count_are_all_counted(unit_of_work: UnitOfWorkFactory) -> None:
    bob = new_id()

    async def change(by: int) -> None:
        async with unit_of_work() as uow:
            await uow.unread_counts.add(bob, by)
            await uow.commit()

    await asyncio.gather(*(change(by) for by in [1] * 8 + [-1] * 3))

    async with unit_of_work() as uow:
        assert await uow.unread_counts.of(bob) == 5
