"""What only the SQL unit of work does: it wakes whoever follows the outbox, and hands out outbox
positions in commit order. Its contract, which the fake keeps too, is in test_unit_of_work.py."""

import asyncio

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.outbox_tables import OutboxTables
from infra.db.unit_of_work import SqlAlchemyUnitOfWork
from infra.outbox.outbox import Outbox
from tests.databases import Wakes
from tests.infra.events import event


async def outbox_size(sessions: async_sessionmaker[AsyncSession], tables: OutboxTables) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(tables.outbox)) or 0)


async def test_committed_events_are_in_the_outbox_and_wake_its_readers(
    sessions: async_sessionmaker[AsyncSession], tables: OutboxTables
) -> None:
    wakes = Wakes()
    async with SqlAlchemyUnitOfWork(sessions, tables, wakes) as uow:
        uow.publish(event("a", 1))
        uow.publish(event("a", 2))
        await uow.commit()

    assert await outbox_size(sessions, tables) == 2
    assert wakes.count == 1


async def test_events_of_a_rolled_back_transaction_never_reach_the_outbox(
    sessions: async_sessionmaker[AsyncSession], tables: OutboxTables
) -> None:
    wakes = Wakes()
    async with SqlAlchemyUnitOfWork(sessions, tables, wakes) as uow:
        uow.publish(event("a"))

    assert await outbox_size(sessions, tables) == 0
    assert wakes.count == 0


async def test_a_commit_without_events_wakes_no_one(
    sessions: async_sessionmaker[AsyncSession], tables: OutboxTables
) -> None:
    wakes = Wakes()
    async with SqlAlchemyUnitOfWork(sessions, tables, wakes) as uow:
        await uow.commit()

    assert wakes.count == 0


async def test_a_publishing_transaction_waits_for_the_one_before_it_to_commit(
    sessions: async_sessionmaker[AsyncSession], tables: OutboxTables, outbox: Outbox
) -> None:
    """So positions are handed out in commit order, and a reader following the outbox by
    position can never pass an event that commits later with a lower position."""
    release = asyncio.Event()
    async with SqlAlchemyUnitOfWork(sessions, tables, Wakes()) as first:
        first.publish(event("a", 1))
        committing = first.session.commit

        async def held_commit() -> None:
            await release.wait()
            await committing()

        first.session.commit = held_commit  # type: ignore[method-assign]
        first_commits = asyncio.create_task(first.commit())
        await asyncio.sleep(0.2)  # the first has written its event and waits to commit

        async def second() -> None:
            async with SqlAlchemyUnitOfWork(sessions, tables, Wakes()) as uow:
                uow.publish(event("b", 1))
                await uow.commit()

        second_commits = asyncio.create_task(second())
        await asyncio.sleep(0.5)
        assert not second_commits.done()
        release.set()
        await first_commits
    await second_commits

    assert [logged.event.subject for logged in await outbox.after(0, 10)] == ["a", "b"]
