"""A context's outbox read as the log of the events it published, for replaying them."""

from datetime import datetime

from sqlalchemy import RowMapping, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.outbox_tables import MessagingTables
from kernel.integration_event import IntegrationEvent


class OutboxLog:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession], tables: MessagingTables) -> None:
        self._session_factory = session_factory
        self._tables = tables

    async def since(self, time: datetime) -> list[IntegrationEvent]:
        """Every event stored with a `time` from `time` on, published yet or not, in outbox order."""
        outbox = self._tables.outbox
        async with self._session_factory() as session:
            rows = await session.execute(
                select(outbox).where(outbox.c.time >= time).order_by(outbox.c.position)
            )
        return [stored_event(row._mapping) for row in rows]


def stored_event(row: RowMapping) -> IntegrationEvent:
    """The event an outbox row holds."""
    return IntegrationEvent(
        id=row["id"],
        type=row["type"],
        source=row["source"],
        subject=row["subject"],
        time=row["time"],
        version=row["version"],
        correlation_id=row["correlation_id"],
        data=row["data"],
    )
