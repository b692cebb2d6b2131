from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.outbox_tables import OutboxTables
from infra.db.unit_of_work import SqlAlchemyUnitOfWork
from infra.outbox.outbox import Outbox
from kernel.integration_event import IntegrationEvent


def event(subject: str, n: int = 0) -> IntegrationEvent:
    return IntegrationEvent(
        type="test.something_happened", source="test", subject=subject, time=datetime.now(UTC), data={"n": n}
    )


async def commit(
    sessions: async_sessionmaker[AsyncSession],
    outbox: Outbox,
    tables: OutboxTables,
    events: Iterable[IntegrationEvent],
) -> None:
    """Write `events` to the outbox in one transaction, as a use case's unit of work does."""
    async with SqlAlchemyUnitOfWork(sessions, tables, outbox.committed) as uow:
        for e in events:
            uow.publish(e)
        await uow.commit()
