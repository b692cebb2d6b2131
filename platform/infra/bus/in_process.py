"""The in-process event bus: the monolith's transport, with the outboxes as its log.

Every context's outbox is already a durable, ordered log of what it published (see
`infra.outbox.outbox`), so in one process the bus needs no other: each consumer group follows
the outboxes of the contexts it subscribes to, from a position of its own, in a task of its own.
It is Kafka's model without the broker (ADR 16): an outbox is a topic of one partition, a
position is a committed offset, and a group that is slow or failing falls behind alone while
the others go on.

- Batches: a group reads up to `batch_size` events past its position and applies them as one
  batch (`ConsumerGroup.apply`); a commit that wrote events wakes the groups that read that outbox.
- Progress: positions move in memory after each batch and are stored every
  `position_store_interval` seconds and at shutdown, with every event all groups have applied
  marked published. A process that dies loses at most that interval's progress: its groups apply
  those events again after a restart, which their inboxes absorb (at-least-once, as on Kafka).
- Dead letters: an event a group gave up on stays in its outbox, and its position is recorded,
  with the error, in that outbox's dead letters (`<context>_dead_letters`), which are the group's
  dead-letter topic; replaying them hands the group those events again, and strikes off those it
  applies.
"""

import asyncio
import contextlib
import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from infra.bus.consumer_group import ConsumerGroup, ConsumerSettings
from infra.bus.event_bus import ReplayReport
from infra.outbox.outbox import LoggedEvent, Outbox
from kernel.integration_event import EventBatchHandler, IntegrationEvent

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InProcessBusSettings:
    consumers: ConsumerSettings = field(default_factory=ConsumerSettings)
    poll_interval: float = 1.0
    """How often a group looks at its outboxes without being woken: a safety net only."""
    position_store_interval: float = 0.5
    """How often the groups' positions are stored; what a crash may make them apply again."""


class InProcessEventBus:
    def __init__(self, settings: InProcessBusSettings = InProcessBusSettings()) -> None:
        self._settings = settings
        self._outboxes: dict[str, Outbox] = {}
        self._groups: dict[str, ConsumerGroup] = {}
        self._readers: list[_Reader] = []
        self._tasks: list[asyncio.Task[None]] = []
        self._stored: dict[str, Mapping[str, int]] = {}
        """The positions last stored, by outbox: a store that would change nothing is skipped."""

    def carry(self, outbox: Outbox) -> None:
        self._outboxes[outbox.context] = outbox

    def subscribe(self, group: str, event_types: Collection[str], handler: EventBatchHandler) -> None:
        if self._tasks:
            raise RuntimeError("subscribe before the bus starts")
        if group in self._groups:
            raise ValueError(f"consumer group {group} is already subscribed")
        self._groups[group] = ConsumerGroup(group, event_types, handler, self._settings.consumers)

    async def start(self) -> None:
        stored = {context: await outbox.positions() for context, outbox in self._outboxes.items()}
        self._readers = [
            _Reader(
                group,
                {
                    context: stored[context].get(group.name, 0)
                    for context in sorted(group.sources & self._outboxes.keys())
                },
                self._outboxes,
                self._settings,
            )
            for group in self._groups.values()
        ]
        self._tasks = [
            *(
                asyncio.create_task(reader.run(), name=f"consumer-group-{reader.group.name}")
                for reader in self._readers
            ),
            asyncio.create_task(self._keep_positions(), name="consumer-positions"),
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        await self._store_positions()

    def stalled_groups(self) -> list[str]:
        return [group.name for group in self._groups.values() if group.stalled]

    async def is_ready(self) -> bool:
        return True

    async def replay_dead_letters(self, group: str) -> ReplayReport:
        if self._tasks:
            raise RuntimeError("replay dead letters from a bus that is not started")
        replaying = self._groups[group]
        applied = failed = 0
        for context in sorted(replaying.sources & self._outboxes.keys()):
            outbox = self._outboxes[context]
            dead_letters = await outbox.dead_letters(group)
            batch_size = self._settings.consumers.batch_size
            for start in range(0, len(dead_letters), batch_size):
                batch = dead_letters[start : start + batch_size]
                again = await _apply(replaying, outbox, batch)
                await outbox.forget_dead_letters(
                    group, [entry.position for entry in batch if entry.position not in again]
                )
                applied += len(batch) - len(again)
                failed += len(again)
        return ReplayReport(applied=applied, failed=failed)

    async def _keep_positions(self) -> None:
        while True:
            await asyncio.sleep(self._settings.position_store_interval)
            try:
                await self._store_positions()
            except Exception:
                log.exception("could not store the consumer groups' positions; trying again")

    async def _store_positions(self) -> None:
        """Store each outbox's readers' positions if any moved since they were last stored."""
        for context, outbox in self._outboxes.items():
            positions = {
                reader.group.name: reader.positions[context]
                for reader in self._readers
                if context in reader.positions
            }
            if positions and positions != self._stored.get(context):
                await outbox.store_positions(positions, published_through=min(positions.values()))
                self._stored[context] = positions


class _Reader:
    """One consumer group's task: it follows each outbox it subscribes to and applies what it reads."""

    def __init__(
        self,
        group: ConsumerGroup,
        positions: dict[str, int],
        outboxes: Mapping[str, Outbox],
        settings: InProcessBusSettings,
    ) -> None:
        self.group = group
        self.positions = positions
        """How far the group has applied each outbox it reads, by context."""
        self._sources = [outboxes[context] for context in positions]
        self._settings = settings
        self._due: set[str] = set(positions)
        """Outboxes that may hold events the group has not read: committed to, or not read to the end."""
        self._woken = asyncio.Event()
        self._lag: dict[str, tuple[int, datetime | None]] = {}
        """Per outbox: how many events the group has yet to apply there, and the oldest one's time."""
        for outbox in self._sources:
            outbox.on_commit(self._waker(outbox.context))

    async def run(self) -> None:
        failures = 0
        while True:
            due, self._due = self._due, set()
            self._woken.clear()
            for outbox in self._sources:
                if outbox.context in due:
                    try:
                        await self._read(outbox)
                    except Exception:
                        log.exception(
                            "consumer group %s could not read the outbox of %s",
                            self.group.name,
                            outbox.context,
                        )
                        self._due.add(outbox.context)
                        failures += 1
                        await self.group.wait_for_source(failures)
                    else:
                        failures = 0
            if not self._due:  # read to the end: sleep until a commit, or the poll, says to look again
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self._settings.poll_interval):
                        await self._woken.wait()
                if not self._woken.is_set():
                    self._due.update(self.positions)

    async def _read(self, outbox: Outbox) -> None:
        """Apply the next batch of `outbox`, telling the group how far behind it is before and after."""
        batch_size = self._settings.consumers.batch_size
        logged = await outbox.after(self.positions[outbox.context], batch_size)
        self.group.source_answered()
        if not logged:
            self._report(outbox, 0, None)
            return
        full = len(logged) == batch_size
        after = await outbox.count_after(logged[-1].position) if full else 0
        self._report(outbox, len(logged) + after, logged[0].event.time)
        await _apply(self.group, outbox, logged)
        self.positions[outbox.context] = logged[-1].position
        self._report(outbox, after, logged[-1].event.time if after else None)
        if full:
            self._due.add(outbox.context)

    def _report(self, outbox: Outbox, events: int, oldest: datetime | None) -> None:
        self._lag[outbox.context] = (events, oldest)
        waiting = [(count, time) for count, time in self._lag.values() if count]
        self.group.behind(
            sum(count for count, _ in waiting), min((time for _, time in waiting if time), default=None)
        )

    def _waker(self, context: str) -> Callable[[], None]:
        def wake() -> None:
            self._due.add(context)
            self._woken.set()

        return wake


async def _apply(group: ConsumerGroup, outbox: Outbox, logged: Sequence[LoggedEvent]) -> set[int]:
    """Apply the events of `logged` the group wants; answers the positions of those it gave up on,
    which are recorded in the outbox's dead letters first. If recording fails, so does this, and the
    events come again."""
    position_of = {entry.event.id: entry.position for entry in logged}
    given_up: set[int] = set()

    async def dead_letter(event: IntegrationEvent, error: Exception) -> None:
        await outbox.dead_letter(group.name, position_of[event.id], error)
        given_up.add(position_of[event.id])

    await group.apply([entry.event for entry in logged if group.wants(entry.event)], dead_letter)
    return given_up
