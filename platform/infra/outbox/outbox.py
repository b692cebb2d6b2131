"""A context's outbox, read as the log of the events it published.

Every unit of work that publishes writes its events here in the transaction of the change
(`infra.db.unit_of_work`), and positions are handed out in commit order, so the table is an
append-only log that a reader can follow by position alone, as a Kafka consumer follows offsets.
Who follows it depends on the transport (ADR 16): in the monolith every consumer group reads it
directly, at its own pace; between services the relay copies it to Kafka.

This class is the one place that reads and writes the outbox tables besides the unit of work.
"""

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import RowMapping, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.database import reading
from infra.db.outbox_tables import OutboxTables
from infra.db.upserts import upsert
from kernel.integration_event import IntegrationEvent

log = logging.getLogger(__name__)

_LEASE = "relay"


@dataclass(frozen=True)
class LoggedEvent:
    """An event and its place in the log."""

    position: int
    event: IntegrationEvent


@dataclass(frozen=True)
class PendingEvent(LoggedEvent):
    """An event the relay has not published yet, with how its earlier attempts went."""

    attempts: int
    next_attempt_at: datetime | None


class Outbox:
    def __init__(
        self, context: str, sessions: async_sessionmaker[AsyncSession], tables: OutboxTables
    ) -> None:
        self.context = context
        """The publishing context, which is also the `source` of every event here."""
        self._sessions = sessions
        self._tables = tables
        self._listeners: list[Callable[[], None]] = []
        outbox = tables.outbox
        self._after = (
            select(outbox)
            .where(outbox.c.position > bindparam("after"))
            .order_by(outbox.c.position)
            .limit(bindparam("limit"))
        )

    def on_commit(self, listener: Callable[[], None]) -> None:
        """Call `listener` (without waiting) whenever a transaction that wrote events commits."""
        self._listeners.append(listener)

    def committed(self) -> None:
        """Told by the unit of work after a commit that wrote events: wakes whoever follows the log."""
        for listener in self._listeners:
            listener()

    async def after(self, position: int, limit: int) -> list[LoggedEvent]:
        """Up to `limit` events after `position`, in log order."""
        async with reading(self._sessions) as db:
            rows = (await db.execute(self._after, {"after": position, "limit": limit})).all()
        return [LoggedEvent(row.position, stored_event(row._mapping)) for row in rows]

    async def count_after(self, position: int) -> int:
        """How many events the log holds after `position`: a reader's lag."""
        outbox = self._tables.outbox
        async with reading(self._sessions) as db:
            counted: int = (
                await db.scalar(select(func.count()).select_from(outbox).where(outbox.c.position > position))
                or 0
            )
        return counted

    async def since(self, time: datetime) -> list[IntegrationEvent]:
        """Every event stored with a `time` from `time` on, published yet or not, in log order."""
        outbox = self._tables.outbox
        async with reading(self._sessions) as db:
            rows = await db.execute(select(outbox).where(outbox.c.time >= time).order_by(outbox.c.position))
        return [stored_event(row._mapping) for row in rows]

    async def positions(self) -> dict[str, int]:
        """How far each consumer group that reads the log directly has stored its progress."""
        table = self._tables.consumer_positions
        async with reading(self._sessions) as db:
            rows = await db.execute(select(table.c.consumer_group, table.c.position))
        return {row.consumer_group: row.position for row in rows}

    async def store_positions(self, positions: Mapping[str, int], published_through: int) -> None:
        """Store the groups' progress, and mark what every group has applied as published."""
        outbox = self._tables.outbox
        async with self._sessions() as db, db.begin():
            await upsert(
                db,
                self._tables.consumer_positions,
                *({"consumer_group": group, "position": position} for group, position in positions.items()),
                key=["consumer_group"],
                changing=["position"],
            )
            await db.execute(
                update(outbox)
                .where(outbox.c.position <= published_through, outbox.c.published_at.is_(None))
                .values(published_at=datetime.now(UTC))
            )

    async def dead_letter(self, group: str, position: int, error: Exception) -> None:
        """Record that consumer group `group` gave up on the event at `position`, and why."""
        async with self._sessions() as db, db.begin():
            await upsert(
                db,
                self._tables.dead_letters,
                {
                    "consumer_group": group,
                    "position": position,
                    "error": _described(error),
                    "dead_lettered_at": datetime.now(UTC),
                },
                key=["consumer_group", "position"],
                changing=["error", "dead_lettered_at"],
            )

    async def dead_letters(self, group: str) -> list[LoggedEvent]:
        """The events consumer group `group` gave up on and that have not been replayed, in log order."""
        outbox, dead_letters = self._tables.outbox, self._tables.dead_letters
        async with reading(self._sessions) as db:
            rows = await db.execute(
                select(outbox)
                .join(dead_letters, dead_letters.c.position == outbox.c.position)
                .where(dead_letters.c.consumer_group == group)
                .order_by(outbox.c.position)
            )
        return [LoggedEvent(row.position, stored_event(row._mapping)) for row in rows]

    async def forget_dead_letters(self, group: str, positions: Sequence[int]) -> None:
        """Strike the events at `positions` from `group`'s dead letters: it has applied them since."""
        if not positions:
            return
        dead_letters = self._tables.dead_letters
        async with self._sessions() as db, db.begin():
            await db.execute(
                delete(dead_letters).where(
                    dead_letters.c.consumer_group == group, dead_letters.c.position.in_(positions)
                )
            )

    async def pending(self, limit: int) -> list[PendingEvent]:
        """Up to `limit` events the relay has neither published nor parked, in log order."""
        outbox = self._tables.outbox
        async with reading(self._sessions) as db:
            rows = (
                await db.execute(
                    select(outbox)
                    .where(outbox.c.published_at.is_(None), outbox.c.parked_at.is_(None))
                    .order_by(outbox.c.position)
                    .limit(limit)
                )
            ).all()
        return [
            PendingEvent(row.position, stored_event(row._mapping), row.attempts, row.next_attempt_at)
            for row in rows
        ]

    async def mark_published(self, positions: Sequence[int], holder: str) -> bool:
        """Mark the events at `positions` published, if `holder` still holds the relay's lease.

        The holder is the fence: a relay that lost its lease mid-pass (paused, or slowed down
        by a broker) must not mark what its successor now owns. False, and nothing marked, if
        it lost the lease.
        """
        if not positions:
            return True
        outbox, lease = self._tables.outbox, self._tables.relay_lease
        still_held = select(lease.c.name).where(lease.c.name == _LEASE, lease.c.holder == holder).exists()
        async with self._sessions() as db, db.begin():
            marked = await db.execute(
                update(outbox)
                .where(outbox.c.position.in_(positions), still_held)
                .values(published_at=datetime.now(UTC))
            )
        return bool(marked.rowcount)  # type: ignore[attr-defined]

    async def record_failure(
        self, position: int, attempts: int, error: Exception, retry_at: datetime | None
    ) -> None:
        """Count a failed attempt at publishing; without `retry_at` the event is parked for good."""
        values: dict[str, Any] = {"attempts": attempts, "last_error": _described(error)}
        if retry_at is None:
            values["parked_at"] = datetime.now(UTC)
        else:
            values["next_attempt_at"] = retry_at
        outbox = self._tables.outbox
        async with self._sessions() as db, db.begin():
            await db.execute(update(outbox).where(outbox.c.position == position).values(**values))

    async def redrive_parked(self) -> int:
        """Hand every parked event back to the relay, as if it had never been tried; returns how many.

        The relay publishes them on its next pass, in log order. Their last error stays on the row,
        as the record of why they were parked; an event that was parked again is redriven again.
        """
        outbox = self._tables.outbox
        async with self._sessions() as db, db.begin():
            redriven = await db.execute(
                update(outbox)
                .where(outbox.c.parked_at.is_not(None), outbox.c.published_at.is_(None))
                .values(parked_at=None, attempts=0, next_attempt_at=None)
            )
        count: int = redriven.rowcount  # type: ignore[attr-defined]
        return count

    async def hold_lease(self, holder: str, seconds: float) -> bool:
        """Take or renew the right to publish for `seconds`; False while another live holder has it."""
        lease = self._tables.relay_lease
        now = datetime.now(UTC)
        expires_at = now + timedelta(seconds=seconds)
        async with self._sessions() as db:
            taken = await db.execute(
                update(lease)
                .where(lease.c.name == _LEASE, (lease.c.holder == holder) | (lease.c.expires_at < now))
                .values(holder=holder, expires_at=expires_at)
            )
            if taken.rowcount == 0:  # type: ignore[attr-defined]
                try:
                    await db.execute(insert(lease).values(name=_LEASE, holder=holder, expires_at=expires_at))
                except IntegrityError:
                    return False
            await db.commit()
        return True


def _described(error: Exception) -> str:
    """An error as stored for an operator to read, bounded: some errors quote whole payloads."""
    return repr(error)[:2000]


def stored_event(row: RowMapping) -> IntegrationEvent:
    """The event an outbox row holds."""
    return IntegrationEvent(
        id=row["id"],
        type=row["type"],
        source=row["source"],
        subject=row["subject"],
        time=row["time"],
        data_version=row["version"],
        correlation_id=row["correlation_id"],
        data=row["data"],
    )
