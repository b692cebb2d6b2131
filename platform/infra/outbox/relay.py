"""The outbox relay: moves committed integration events from a context's outbox to the bus.

- Latency: a unit of work wakes the relay right after it commits, so an event is published
  at once; the poll interval is only the safety net for wake-ups that were lost (a crash, or
  a commit made by another replica).
- Replicas: only the holder of the context's lease publishes, so with N replicas the events
  still leave in outbox order. A replica that dies loses the lease when it expires and
  another one takes over; events it published but had not yet marked go out again, which
  consumers' inboxes absorb (at-least-once).
- Failures: an event that cannot be published is retried with exponential backoff, and later
  events of the same aggregate wait behind it so their order holds; after `max_attempts` it
  is parked (kept, marked, logged) and no longer blocks the others.
See docs/adr/0005-outbox-inbox-and-event-envelope.md.
"""

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from prometheus_client import Counter
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.bus.event_bus import EventBus
from infra.db.outbox_tables import MessagingTables
from infra.outbox.outbox_log import stored_event
from kernel.ids import new_id

log = logging.getLogger(__name__)

PUBLISHED = Counter("outbox_events_published_total", "Integration events published by the relay", ["context"])
FAILED = Counter("outbox_publish_failures_total", "Failed attempts to publish an outbox event", ["context"])
PARKED = Counter("outbox_events_parked_total", "Outbox events parked after too many failures", ["context"])


@dataclass(frozen=True)
class RelaySettings:
    poll_interval: float = 1.0
    batch_size: int = 200
    lease_seconds: float = 10.0
    max_attempts: int = 10
    backoff_base: float = 0.5
    backoff_max: float = 60.0


class OutboxRelay:
    def __init__(
        self,
        context: str,
        session_factory: async_sessionmaker[AsyncSession],
        tables: MessagingTables,
        bus: EventBus,
        settings: RelaySettings = RelaySettings(),
    ) -> None:
        self._context = context
        self._session_factory = session_factory
        self._tables = tables
        self._bus = bus
        self._settings = settings
        self._holder = f"{context}-{new_id()}"
        self._wake = asyncio.Event()
        self._renew_lease_after = datetime.min.replace(tzinfo=UTC)

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        """Publish until cancelled."""
        while True:
            self._wake.clear()
            try:
                published = await self.publish_pending()
            except Exception:
                log.exception("outbox relay of %s failed a pass; retrying", self._context)
                published = 0
            if published < self._settings.batch_size:
                # Not asyncio.wait_for: on Python 3.11 it swallows a cancellation that arrives as the
                # wake-up does, and the relay would then outlive the process's shutdown.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self._settings.poll_interval):
                        await self._wake.wait()

    async def publish_pending(self) -> int:
        """One pass: publish what is due, if this relay holds the lease. Returns how many went out."""
        if not await self._hold_lease():
            return 0
        now = datetime.now(UTC)
        outbox = self._tables.outbox
        async with self._session_factory() as session:
            rows = (
                await session.execute(
                    select(outbox)
                    .where(outbox.c.published_at.is_(None), outbox.c.parked_at.is_(None))
                    .order_by(outbox.c.position)
                    .limit(self._settings.batch_size)
                )
            ).all()
        published: list[int] = []
        waiting_subjects: set[str] = set()
        for row in rows:
            if row.subject in waiting_subjects:
                continue
            if row.next_attempt_at is not None and row.next_attempt_at > now:
                waiting_subjects.add(row.subject)
                continue
            try:
                await self._bus.publish(stored_event(row._mapping))
            except Exception as error:
                waiting_subjects.add(row.subject)
                await self._record_failure(row.position, row.attempts + 1, error)
                continue
            published.append(row.position)
        await self._mark_published(published)
        return len(published)

    async def _hold_lease(self) -> bool:
        """Take or renew the lease; False while another live replica holds it.

        A held lease is renewed only once half of it has run out, so a busy relay does not
        write the lease on every pass.
        """
        now = datetime.now(UTC)
        if now < self._renew_lease_after:
            return True
        lease = self._tables.relay_lease
        expires_at = now + timedelta(seconds=self._settings.lease_seconds)
        async with self._session_factory() as session:
            taken = await session.execute(
                update(lease)
                .where(lease.c.name == "relay", (lease.c.holder == self._holder) | (lease.c.expires_at < now))
                .values(holder=self._holder, expires_at=expires_at)
            )
            if taken.rowcount == 0:  # type: ignore[attr-defined]
                try:
                    await session.execute(
                        insert(lease).values(name="relay", holder=self._holder, expires_at=expires_at)
                    )
                except IntegrityError:
                    return False
            await session.commit()
        self._renew_lease_after = now + timedelta(seconds=self._settings.lease_seconds / 2)
        return True

    async def _record_failure(self, position: int, attempts: int, error: Exception) -> None:
        FAILED.labels(self._context).inc()
        outbox = self._tables.outbox
        now = datetime.now(UTC)
        values: dict[str, Any] = {"attempts": attempts, "last_error": repr(error)[:2000]}
        if attempts >= self._settings.max_attempts:
            values["parked_at"] = now
            PARKED.labels(self._context).inc()
            log.error(
                "outbox event at position %s of %s parked after %s attempts",
                position,
                self._context,
                attempts,
            )
        else:
            delay = min(self._settings.backoff_base * 2 ** (attempts - 1), self._settings.backoff_max)
            values["next_attempt_at"] = now + timedelta(seconds=delay)
            log.warning(
                "publishing outbox event at position %s of %s failed: %r", position, self._context, error
            )
        async with self._session_factory() as session:
            await session.execute(update(outbox).where(outbox.c.position == position).values(**values))
            await session.commit()

    async def _mark_published(self, positions: Sequence[int]) -> None:
        if not positions:
            return
        outbox = self._tables.outbox
        async with self._session_factory() as session:
            await session.execute(
                update(outbox).where(outbox.c.position.in_(positions)).values(published_at=datetime.now(UTC))
            )
            await session.commit()
        PUBLISHED.labels(self._context).inc(len(positions))
