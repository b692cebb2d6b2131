"""A consumer group as both buses run it: batches in, retries, poison events set aside, metrics out.

The buses differ in where a group's events come from and where its progress is kept; what a
group does with a batch once it has one is the same on both, and lives here.

- A batch is handed to the handler whole, in order: one transaction for many events is what
  lets a consumer keep pace with a busy publisher.
- A failure that says a server is away, or that a copy the handler keeps has not been told yet
  what the event needs (`infra.failures.is_transient`), is waited out: the group holds still on
  that batch, trying it again with capped backoff for as long as it takes, and says it is stalled
  (`/readyz`, /metrics). Moving on would lose the event for a reason that says nothing about it,
  and let later events of its subject overtake it (ADR 18, ADR 25).
- Any other failure is the event's own. The batch's events are then applied one at a time, so
  one bad event cannot take its neighbours down with it; an event that fails `max_attempts`
  times goes to the bus's dead letters with the error, and the group moves past it.
- /metrics shows, per group, the events applied, the batch sizes, how far behind it is and
  whether it is stalled.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from prometheus_client import Counter, Gauge, Histogram

from infra.backoff import backoff
from infra.failures import is_transient
from kernel.integration_event import EventBatchHandler, IntegrationEvent

log = logging.getLogger(__name__)

APPLIED = Counter(
    "event_consumer_events_applied_total", "Integration events applied, by consumer group", ["group"]
)
BATCH = Histogram(
    "event_consumer_batch_events",
    "Integration events in each batch a consumer group applied",
    ["group"],
    buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500),
)
LAG_EVENTS = Gauge(
    "event_consumer_lag_events", "Events a consumer group has yet to apply, as of its last batch", ["group"]
)
LAG_SECONDS = Gauge(
    "event_consumer_lag_seconds",
    "How long the oldest event a consumer group has yet to apply has waited; 0 when it has none",
    ["group"],
)
DEAD_LETTERS = Counter(
    "event_consumer_dead_letters_total",
    "Events a consumer group gave up on after every attempt failed",
    ["group"],
)
STALLED = Gauge(
    "event_consumer_stalled",
    "1 while a consumer group waits for a server it needs to come back, else 0",
    ["group"],
)

DeadLetter = Callable[[IntegrationEvent, Exception], Awaitable[None]]
"""Sets aside an event its group gave up on, with the last error."""


@dataclass(frozen=True)
class ConsumerSettings:
    batch_size: int = 100
    """The most events handed to a group at once: bigger batches cost less per event, but hold
    the group's transaction (and, on SQLite, its database's writers) longer."""
    max_attempts: int = 5
    """Attempts at one event before it goes to the dead letters; attempts that found a server
    away do not count."""
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    """The longest pause between attempts at an event that failed on its own."""
    wait_max: float = 5.0
    """The longest pause between tries while a server is away: at most how late a group notices
    that it is back."""


class ConsumerGroup:
    def __init__(
        self,
        name: str,
        event_types: Collection[str],
        handler: EventBatchHandler,
        settings: ConsumerSettings,
    ) -> None:
        self.name = name
        self.event_types = frozenset(event_types)
        self._handler = handler
        self._settings = settings
        self.stalled = False
        """Whether the group is waiting for a server to come back before it can go on."""
        STALLED.labels(name).set(0)

    @property
    def sources(self) -> frozenset[str]:
        """The contexts whose events the group takes: an event type is `<source>.<name>`."""
        return frozenset(event_type.split(".", 1)[0] for event_type in self.event_types)

    def wants(self, event: IntegrationEvent) -> bool:
        return event.type in self.event_types

    async def apply(self, events: Sequence[IntegrationEvent], dead_letter: DeadLetter) -> None:
        """Apply `events` in order, as one batch if it can; returns once each is applied or set aside."""
        if not events:
            return
        error = await self._attempt(events)
        if error is not None and len(events) == 1:
            await self._retry(events[0], error, 1, dead_letter)
        elif error is not None:
            log.warning(
                "consumer group %s failed on a batch of %d; applying its events one at a time",
                self.name,
                len(events),
                exc_info=error,
            )
            for event in events:
                alone = await self._attempt([event])
                if alone is not None:
                    await self._retry(event, alone, 2, dead_letter)  # its batch was its first attempt
        APPLIED.labels(self.name).inc(len(events))
        BATCH.labels(self.name).observe(len(events))

    def behind(self, events: int, oldest: datetime | None) -> None:
        """Report how many events the group has yet to apply, and when the oldest of them happened. A
        bus that has not read that one yet passes the newest event applied: the wait is at most that."""
        LAG_EVENTS.labels(self.name).set(events)
        waited = (datetime.now(UTC) - oldest).total_seconds() if events and oldest is not None else 0.0
        LAG_SECONDS.labels(self.name).set(max(waited, 0.0))

    async def _attempt(self, events: Sequence[IntegrationEvent]) -> Exception | None:
        """Hand `events` to the handler until it answers; returns the error if that answer is one.

        While the handler fails because a server is away, the group holds still and tries again.
        """
        waits = 0
        while True:
            try:
                await self._handler(events)
            except Exception as error:
                if not is_transient(error):
                    self._hold_still(False)
                    return error
                waits += 1
                self._hold_still(True)
                log.warning(
                    "consumer group %s is waiting for a server it needs, or for its copy to be told what"
                    " an event needs (try %d); it holds still",
                    self.name,
                    waits,
                    exc_info=error,
                )
                await asyncio.sleep(self._backoff(waits, longest=self._settings.wait_max))
            else:
                self._hold_still(False)
                return None

    async def _retry(
        self, event: IntegrationEvent, error: Exception, attempt: int, dead_letter: DeadLetter
    ) -> None:
        """Try `event` again, alone, after `attempt` attempts at it failed, the last with `error`, an
        error of its own."""
        while attempt < self._settings.max_attempts:
            log.warning(
                "consumer group %s failed on event %s (attempt %d); retrying",
                self.name,
                event.id,
                attempt,
                exc_info=error,
            )
            await asyncio.sleep(self._backoff(attempt, longest=self._settings.backoff_max))
            attempt += 1
            again = await self._attempt([event])
            if again is None:
                return
            error = again
        DEAD_LETTERS.labels(self.name).inc()
        log.error(
            "consumer group %s gave up on event %s (%s) after %d attempts",
            self.name,
            event.id,
            event.type,
            attempt,
            exc_info=error,
        )
        await dead_letter(event, error)

    async def wait_for_source(self, tries: int) -> None:
        """Hold still after the bus failed `tries` times in a row to read the group's events."""
        self._hold_still(True)
        await asyncio.sleep(self._backoff(tries, longest=self._settings.wait_max))

    def source_answered(self) -> None:
        self._hold_still(False)

    def _hold_still(self, stalled: bool) -> None:
        if stalled != self.stalled:
            self.stalled = stalled
            STALLED.labels(self.name).set(int(stalled))

    def _backoff(self, failures: int, *, longest: float) -> float:
        return backoff(failures, base=self._settings.backoff_base, longest=longest)
