"""A redelivered event is applied once; a failed batch is applied on the next delivery, whole."""

from collections.abc import Sequence

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.outbox_tables import OutboxTables
from infra.db.unit_of_work import SqlAlchemyUnitOfWork
from infra.outbox.inbox import idempotent, idempotent_batches
from kernel.integration_event import IntegrationEvent
from tests.infra.events import event


def unit_of_work(sessions: async_sessionmaker[AsyncSession], tables: OutboxTables) -> SqlAlchemyUnitOfWork:
    return SqlAlchemyUnitOfWork(sessions, tables, lambda: None)


async def test_redelivery_applies_an_event_once(
    sessions: async_sessionmaker[AsyncSession], tables: OutboxTables
) -> None:
    applied: list[IntegrationEvent] = []

    async def apply(e: IntegrationEvent, uow: SqlAlchemyUnitOfWork) -> None:
        applied.append(e)

    handle = idempotent("consumer", lambda: unit_of_work(sessions, tables), apply)
    first, second = event("a", 1), event("a", 2)
    await handle([first])
    await handle([first, second])
    await handle([second, second])

    assert applied == [first, second]


async def test_a_batch_is_applied_in_order_and_remembered_in_one_transaction(
    sessions: async_sessionmaker[AsyncSession], tables: OutboxTables
) -> None:
    applied: list[int] = []

    async def apply(e: IntegrationEvent, uow: SqlAlchemyUnitOfWork) -> None:
        applied.append(e.data["n"])
        if e.data["n"] == 3:
            raise RuntimeError("crashed halfway through the batch")

    batch = [event("a", n) for n in range(5)]
    with pytest.raises(RuntimeError):
        await idempotent("consumer", lambda: unit_of_work(sessions, tables), apply)(batch)

    assert applied == [0, 1, 2, 3]
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(tables.inbox)) == 0


async def test_an_event_whose_handler_failed_is_applied_when_delivered_again(
    sessions: async_sessionmaker[AsyncSession], tables: OutboxTables
) -> None:
    attempts: list[IntegrationEvent] = []

    async def apply(e: IntegrationEvent, uow: SqlAlchemyUnitOfWork) -> None:
        attempts.append(e)
        if len(attempts) == 1:
            raise RuntimeError("crashed halfway")

    handle = idempotent("consumer", lambda: unit_of_work(sessions, tables), apply)
    delivered = event("a")
    with pytest.raises(RuntimeError):
        await handle([delivered])
    await handle([delivered])
    await handle([delivered])

    assert attempts == [delivered, delivered]


async def test_a_batch_consumer_is_handed_the_new_events_of_a_batch_at_once_in_order(
    sessions: async_sessionmaker[AsyncSession], tables: OutboxTables
) -> None:
    handed: list[list[int]] = []

    async def apply(events: Sequence[IntegrationEvent], uow: SqlAlchemyUnitOfWork) -> None:
        handed.append([e.data["n"] for e in events])

    handle = idempotent_batches("consumer", lambda: unit_of_work(sessions, tables), apply)
    first, second, third = event("a", 1), event("a", 2), event("a", 3)
    await handle([first, second])
    await handle([first, third, second, third])

    assert handed == [[1, 2], [3]]
