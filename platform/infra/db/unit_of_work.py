"""The SQLAlchemy unit of work every context's own unit of work extends with its repositories."""

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType
from typing import Self
from uuid import UUID

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.outbox_tables import MessagingTables
from infra.observability.correlation import current_correlation_id
from kernel.integration_event import IntegrationEvent


class SqlAlchemyUnitOfWork:
    """One session, one transaction; events and inbox entries are written inside it.

    `after_commit` is called once a transaction that wrote outbox rows has committed; the
    runtime passes the relay's wake-up there, so events go out at once instead of at the
    next poll.
    """

    session: AsyncSession

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        tables: MessagingTables,
        after_commit: Callable[[], None],
    ) -> None:
        self._session_factory = session_factory
        self._tables = tables
        self._after_commit = after_commit
        self._events: list[IntegrationEvent] = []

    async def __aenter__(self) -> Self:
        self.session = self._session_factory()
        self._events = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.session.rollback()
        await self.session.close()

    def publish(self, event: IntegrationEvent) -> None:
        if event.correlation_id is None:
            event = dataclasses.replace(event, correlation_id=current_correlation_id())
        self._events.append(event)

    async def remember(self, event_id: UUID, consumer: str) -> bool:
        inbox = self._tables.inbox
        seen = await self.session.scalar(
            select(inbox.c.event_id).where(inbox.c.event_id == event_id, inbox.c.consumer == consumer)
        )
        if seen is not None:
            return False
        await self.session.execute(
            insert(inbox).values(event_id=event_id, consumer=consumer, processed_at=datetime.now(UTC))
        )
        return True

    async def commit(self) -> None:
        events, self._events = self._events, []
        if events:
            await self.session.execute(insert(self._tables.outbox), [_outbox_row(e) for e in events])
        await self.session.commit()
        if events:
            self._after_commit()


def _outbox_row(event: IntegrationEvent) -> dict[str, object]:
    return {
        "id": event.id,
        "type": event.type,
        "source": event.source,
        "subject": event.subject,
        "time": event.time,
        "version": event.version,
        "correlation_id": event.correlation_id,
        "data": event.data,
    }
