"""The SQLAlchemy unit of work every context's own unit of work extends with its repositories."""

import zlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Self
from uuid import UUID

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.outbox_tables import OutboxTables
from infra.observability.correlation import correlated
from kernel.integration_event import IntegrationEvent


class SqlAlchemyUnitOfWork:
    """One session, one transaction; events and inbox entries are written inside it.

    `after_commit` is called once a transaction that wrote outbox rows has committed; the
    runtime passes `Outbox.committed` there, so whoever follows the outbox reads the events at
    once instead of at its next poll.

    Outbox positions are handed out in commit order, so that the outbox can be followed by
    position like a log (`infra.outbox.outbox`): SQLite lets one writer at a time in anyway, and
    on PostgreSQL the transactions that publish take turns, from writing their events until they
    commit, on a lock of their context's. Only that last step of each is serialised.
    """

    session: AsyncSession

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        tables: OutboxTables,
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
        self._events.append(correlated(event))

    async def remember(self, event_ids: Sequence[UUID], consumer: str) -> frozenset[UUID]:
        inbox = self._tables.inbox
        wanted = list(dict.fromkeys(event_ids))
        seen = set(
            await self.session.scalars(
                select(inbox.c.event_id).where(inbox.c.consumer == consumer, inbox.c.event_id.in_(wanted))
            )
        )
        fresh = [event_id for event_id in wanted if event_id not in seen]
        if fresh:
            now = datetime.now(UTC)
            await self.session.execute(
                insert(inbox),
                [{"event_id": event_id, "consumer": consumer, "processed_at": now} for event_id in fresh],
            )
        return frozenset(fresh)

    async def commit(self) -> None:
        events, self._events = self._events, []
        if events:
            await self._take_turn_to_publish()
            await self.session.execute(insert(self._tables.outbox), [_outbox_row(e) for e in events])
        await self.session.commit()
        if events:
            self._after_commit()

    async def _take_turn_to_publish(self) -> None:
        """On PostgreSQL, wait for the context's other publishing transactions to commit first
        (held until this one ends), so positions are handed out in commit order."""
        if self.session.get_bind().dialect.name == "postgresql":
            key = zlib.crc32(self._tables.outbox.name.encode())
            await self.session.execute(select(func.pg_advisory_xact_lock(key)))


def _outbox_row(event: IntegrationEvent) -> dict[str, object]:
    return {
        "id": event.id,
        "type": event.type,
        "source": event.source,
        "subject": event.subject,
        "time": event.time,
        "version": event.data_version,
        "correlation_id": event.correlation_id,
        "data": event.data,
    }
