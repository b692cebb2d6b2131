"""The unit of work writes events to the outbox and entries to the inbox in its own transaction."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.outbox_tables import MessagingTables
from infra.db.unit_of_work import SqlAlchemyUnitOfWork
from infra.observability.correlation import correlation_scope
from kernel.ids import new_id
from tests.databases import Wakes
from tests.infra.events import event


async def outbox_size(sessions: async_sessionmaker[AsyncSession], tables: MessagingTables) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(tables.outbox)) or 0)


async def test_committed_events_are_in_the_outbox_and_wake_the_relay(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    wakes = Wakes()
    async with SqlAlchemyUnitOfWork(sessions, tables, wakes) as uow:
        uow.publish(event("a", 1))
        uow.publish(event("a", 2))
        await uow.commit()

    assert await outbox_size(sessions, tables) == 2
    assert wakes.count == 1


async def test_events_of_a_rolled_back_transaction_never_reach_the_outbox(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    wakes = Wakes()
    async with SqlAlchemyUnitOfWork(sessions, tables, wakes) as uow:
        uow.publish(event("a"))

    assert await outbox_size(sessions, tables) == 0
    assert wakes.count == 0


async def test_a_commit_without_events_does_not_wake_the_relay(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    wakes = Wakes()
    async with SqlAlchemyUnitOfWork(sessions, tables, wakes) as uow:
        await uow.commit()

    assert wakes.count == 0


async def test_published_events_carry_the_current_correlation_id(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    with correlation_scope("request-42"):
        async with SqlAlchemyUnitOfWork(sessions, tables, Wakes()) as uow:
            uow.publish(event("a"))
            await uow.commit()

    async with sessions() as session:
        assert await session.scalar(select(tables.outbox.c.correlation_id)) == "request-42"


async def test_the_inbox_remembers_an_event_once_per_consumer(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    event_id = new_id()
    async with SqlAlchemyUnitOfWork(sessions, tables, Wakes()) as uow:
        assert await uow.remember(event_id, "projector")
        assert await uow.remember(event_id, "notifier")
        await uow.commit()

    async with SqlAlchemyUnitOfWork(sessions, tables, Wakes()) as uow:
        assert not await uow.remember(event_id, "projector")
        assert await uow.remember(new_id(), "projector")


async def test_an_inbox_entry_rolls_back_with_its_transaction(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    event_id = new_id()
    async with SqlAlchemyUnitOfWork(sessions, tables, Wakes()) as uow:
        assert await uow.remember(event_id, "projector")

    async with SqlAlchemyUnitOfWork(sessions, tables, Wakes()) as uow:
        assert await uow.remember(event_id, "projector")
