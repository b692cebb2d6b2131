"""The port through which integration events travel between contexts.

Application code never sees the bus: it publishes through its unit of work, into its context's
outbox. The bus carries what the outboxes hold to the consumer groups, and only inbound event
adapters subscribe. Two adapters implement it (ADR 16): the in-process bus (monolith default),
whose consumer groups read the outboxes themselves, and the Kafka bus, whose relays copy each
outbox to a topic that the groups consume.

Semantics both adapters keep:
- every consumer group receives every event whose type it subscribed to, at least once;
  handlers must be idempotent (see `infra.outbox.inbox`);
- events of one subject (one aggregate) reach a group in the order they were committed;
- a group is handed events in batches, in that order, and no group waits for another: a slow or
  failing group falls behind alone, and catches up from where it stopped;
- a group whose handler fails because a server is away holds still until it is back, and sets
  nothing aside meanwhile (ADR 18);
- an event a group gave up on for an error of its own is kept as one of the group's dead letters,
  and handed to the group again when they are replayed, until it is applied.
"""

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from infra.outbox.outbox import Outbox
from kernel.integration_event import EventBatchHandler


@dataclass(frozen=True)
class ReplayReport:
    """What replaying a consumer group's dead letters came to."""

    applied: int
    """Dead letters the group applied this time: they are dead letters no more."""
    failed: int
    """Dead letters that failed again: they stay dead letters, with their new error."""


class EventBus(Protocol):
    def carry(self, outbox: Outbox) -> None:
        """Deliver the events of this outbox to the groups subscribed to them (call before start)."""
        ...

    def subscribe(self, group: str, event_types: Collection[str], handler: EventBatchHandler) -> None:
        """Register `handler` for `event_types` under consumer group `group` (call before start)."""
        ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def is_ready(self) -> bool:
        """Whether the transport is reachable (for /readyz)."""
        ...

    def stalled_groups(self) -> Collection[str]:
        """The consumer groups holding still until a server they need is back (for /readyz)."""
        ...

    async def replay_dead_letters(self, group: str) -> ReplayReport:
        """Hand consumer group `group` its dead letters again, in the order they were published, up to
        the last one there was when the replay began, and say how that went.

        Call it on a bus that is not started, beside the processes that serve the group: it is an
        operator's command. Replaying again retries only the dead letters that failed again.
        """
        ...
