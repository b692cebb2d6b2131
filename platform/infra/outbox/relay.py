"""The outbox relay: copies a context's committed integration events from its outbox to a broker.

The Kafka bus runs one relay per outbox it carries (`KafkaEventBus.carry`); the monolith needs
none, its consumer groups read the outboxes themselves (ADR 16).

- Latency: a unit of work wakes the relay right after it commits, so an event is published
  at once; the poll interval is only the safety net for wake-ups that were lost (a crash, or
  a commit made by another replica).
- Batches: each pass hands the broker every event that is due, up to `batch_size`, and waits
  for all of them together, then marks those the broker took in one statement.
- Replicas: only the holder of the context's lease publishes, so with N replicas the events
  still leave in outbox order. A replica that dies loses the lease when it expires and
  another one takes over; events it published but had not yet marked go out again, which
  consumers' inboxes absorb (at-least-once).
- A pass never outlives the lease it started under: it starts with at least half of the lease
  left, hands the broker at most `batch_size` events, gives up waiting for them when the lease
  is about to run out, and marks what went out only if it still holds the lease (the holder is
  the fencing token, `Outbox.mark_published`). So a replica paused mid-pass, or slowed down by
  the broker, cannot publish alongside the one that took over, nor mark that one's events.
- Failures: an event that cannot be published is retried with capped exponential backoff, and
  later events of the same aggregate wait behind it so their order holds. A broker that is away
  is waited for however long it takes (`infra.failures.is_transient`, ADR 18); only an event the
  broker refuses for what it is (too large, say) is parked after `max_attempts`: kept, marked
  with the error, logged, counted, and no longer in the way of the others.
See docs/adr/0005-outbox-inbox-and-event-envelope.md.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from prometheus_client import Counter

from infra.backoff import backoff
from infra.failures import is_transient
from infra.outbox.outbox import Outbox
from kernel.ids import new_id
from kernel.integration_event import IntegrationEvent

log = logging.getLogger(__name__)

PUBLISHED = Counter("outbox_events_published_total", "Integration events published by the relay", ["context"])
FAILED = Counter("outbox_publish_failures_total", "Failed attempts to publish an outbox event", ["context"])
PARKED = Counter("outbox_events_parked_total", "Outbox events parked after too many failures", ["context"])

Publish = Callable[[Sequence[IntegrationEvent]], Awaitable[Sequence[Exception | None]]]
"""Hands events to the broker and answers, for each in turn, None once the broker took it, or why not."""


@dataclass(frozen=True)
class RelaySettings:
    poll_interval: float = 1.0
    batch_size: int = 50
    """The most events a pass hands the broker: small enough that a slow broker answers them all
    well within the lease."""
    lease_seconds: float = 10.0
    max_attempts: int = 10
    """Attempts at an event the broker refuses before it is parked; a broker that is away does not
    count against it."""
    backoff_base: float = 0.5
    backoff_max: float = 10.0


class OutboxRelay:
    def __init__(self, outbox: Outbox, publish: Publish, settings: RelaySettings = RelaySettings()) -> None:
        self._outbox = outbox
        self._publish = publish
        self._settings = settings
        self._holder = f"{outbox.context}-{new_id()}"
        self._wake = asyncio.Event()
        self._renew_lease_after = self._lease_ends = datetime.min.replace(tzinfo=UTC)
        outbox.on_commit(self._wake.set)

    async def run(self) -> None:
        """Publish until cancelled."""
        while True:
            self._wake.clear()
            try:
                published = await self.publish_pending()
            except Exception:
                log.exception("outbox relay of %s failed a pass; retrying", self._outbox.context)
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
        due = []
        waiting_subjects: set[str] = set()
        for pending in await self._outbox.pending(self._settings.batch_size):
            if pending.event.subject in waiting_subjects:
                continue
            if pending.next_attempt_at is not None and pending.next_attempt_at > now:
                waiting_subjects.add(pending.event.subject)
                continue
            due.append(pending)
        if not due:
            return 0
        try:
            async with asyncio.timeout(self._time_left_to_publish()):
                outcomes = await self._publish([pending.event for pending in due])
        except TimeoutError:
            log.warning(
                "outbox relay of %s: the broker did not answer within the lease; trying again",
                self._outbox.context,
            )
            self._lost_lease()
            return 0
        published = []
        for pending, error in zip(due, outcomes, strict=True):
            if error is None:
                published.append(pending.position)
            else:
                await self._record_failure(pending.position, pending.attempts + 1, error)
        if not await self._outbox.mark_published(published, self._holder):
            log.warning(
                "outbox relay of %s lost its lease mid-pass; its successor goes on", self._outbox.context
            )
            self._lost_lease()
            return 0
        PUBLISHED.labels(self._outbox.context).inc(len(published))
        return len(published)

    async def _hold_lease(self) -> bool:
        """Take or renew the lease; False while another live replica holds it.

        A held lease is renewed only once half of it has run out, so a busy relay does not
        write the lease on every pass.
        """
        now = datetime.now(UTC)
        if now < self._renew_lease_after:
            return True
        if not await self._outbox.hold_lease(self._holder, self._settings.lease_seconds):
            return False
        self._renew_lease_after = now + timedelta(seconds=self._settings.lease_seconds / 2)
        self._lease_ends = now + timedelta(seconds=self._settings.lease_seconds)
        return True

    def _time_left_to_publish(self) -> float:
        """Until shortly before the lease runs out: a tenth of it is kept for clocks that differ."""
        ends = self._lease_ends - timedelta(seconds=self._settings.lease_seconds / 10)
        return max((ends - datetime.now(UTC)).total_seconds(), 0.0)

    def _lost_lease(self) -> None:
        """Ask the lease table again before the next pass, rather than trust what this relay knew."""
        self._renew_lease_after = self._lease_ends = datetime.min.replace(tzinfo=UTC)

    async def _record_failure(self, position: int, attempts: int, error: Exception) -> None:
        FAILED.labels(self._outbox.context).inc()
        context = self._outbox.context
        if attempts >= self._settings.max_attempts and not is_transient(error):
            PARKED.labels(context).inc()
            log.error(
                "outbox event at position %s of %s parked after %s attempts", position, context, attempts
            )
            retry_at = None
        else:
            delay = backoff(attempts, base=self._settings.backoff_base, longest=self._settings.backoff_max)
            retry_at = datetime.now(UTC) + timedelta(seconds=delay)
            log.warning("publishing outbox event at position %s of %s failed: %r", position, context, error)
        await self._outbox.record_failure(position, attempts, error, retry_at)
