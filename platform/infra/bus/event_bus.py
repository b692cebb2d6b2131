"""The port through which integration events travel between contexts.

Only the outbox relay publishes and only inbound event adapters subscribe; application code
never sees the bus, it publishes through its unit of work. Two adapters implement it: the
in-process bus (monolith default) and the Kafka bus.

Semantics both adapters keep:
- `publish` returns once the transport has taken responsibility for the event; the relay
  marks the outbox row as published only after that.
- one topic per publishing context (`event.source`), keyed by `event.subject`, so events of
  one aggregate are delivered in the order they were published;
- every consumer group receives every event whose type it subscribed to, at least once;
  handlers must be idempotent (see `infra.outbox.inbox`).
"""

from collections.abc import Awaitable, Callable, Collection
from typing import Protocol

from kernel.integration_event import IntegrationEvent

EventHandler = Callable[[IntegrationEvent], Awaitable[None]]


class EventBus(Protocol):
    async def publish(self, event: IntegrationEvent) -> None: ...

    def subscribe(self, group: str, event_types: Collection[str], handler: EventHandler) -> None:
        """Register `handler` for `event_types` under consumer group `group` (call before start)."""
        ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def is_ready(self) -> bool:
        """Whether the transport is reachable (for /readyz)."""
        ...
