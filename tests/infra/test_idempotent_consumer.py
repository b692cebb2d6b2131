"""A redelivered event is applied once; a failed one is applied on the next delivery."""

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.outbox_tables import MessagingTables
from infra.db.unit_of_work import SqlAlchemyUnitOfWork
from infra.outbox.inbox import idempotent
from kernel.integration_event import IntegrationEvent
from tests.infra.events import event


async def test_redelivery_applies_an_event_once(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    applied: list[IntegrationEvent] = []

    async def apply(e: IntegrationEvent, uow: SqlAlchemyUnitOfWork) -> None:
        applied.append(e)

    handle = idempotent("consumer", lambda: SqlAlchemyUnitOfWork(sessions, tables, lambda: None), apply)
    delivered = event("a")
    await handle(delivered)
    await handle(delivered)

    assert applied == [delivered]


async def test_an_event_whose_handler_failed_is_applied_when_delivered_again(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    attempts: list[IntegrationEvent] = []

    async def apply(e: IntegrationEvent, uow: SqlAlchemyUnitOfWork) -> None:
        attempts.append(e)
        if len(attempts) == 1:
            raise RuntimeError("crashed halfway")

    handle = idempotent("consumer", lambda: SqlAlchemyUnitOfWork(sessions, tables, lambda: None), apply)
    delivered = event("a")
    with pytest.raises(RuntimeError):
        await handle(delivered)
    await handle(delivered)
    await handle(delivered)

    assert attempts == [delivered, delivered]
