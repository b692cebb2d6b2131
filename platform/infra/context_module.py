"""What a context contributes to a process.

Each context's container assembles one; the runtime composes processes from them and knows
nothing else about a context. The same module runs in the monolith and as its own service.
"""

from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from fastapi import APIRouter

from infra.outbox.outbox import Outbox
from kernel.integration_event import EventBatchHandler, EventPayload

Task = Callable[[], Awaitable[None]]
ReadinessCheck = Callable[[], Awaitable[bool]]


@dataclass(frozen=True)
class Consumer:
    """Applies the integration events of `event_types`, handed to it in batches in the order they
    were published (see `kernel.integration_event.EventBatchHandler`).

    It is expected to be idempotent: through an inbox (`infra.outbox.inbox.idempotent`), or by
    writes that a redelivery cannot change, which its call site says why.
    """

    event_types: Collection[str]
    apply: EventBatchHandler
    inbox: bool = field(kw_only=True)
    """Whether it records each event it applies in its inbox; the event catalogue tells consumers
    which way each is idempotent (`chat context-map`)."""


@dataclass(frozen=True)
class ContextModule:
    name: str
    routers: Sequence[APIRouter]
    migrate: Task
    close: Task
    background: Sequence[Task] = field(default_factory=tuple)
    """Long-running tasks, started after migrations and cancelled at shutdown."""
    readiness: Mapping[str, ReadinessCheck] = field(default_factory=dict)
    outbox: Outbox | None = None
    """Where the context publishes its integration events, which the bus carries; None if it has none."""
    publishes: Sequence[type[EventPayload]] = field(default_factory=tuple)
    """The payloads of the events it publishes (its contracts), which the event catalogue describes."""
    consumers: Sequence[Consumer] = field(default_factory=tuple)
    """What the context consumes; the runtime subscribes them as one consumer group named after it."""
    rebuild_projections: Task | None = None
    """Rebuilds the context's read models from its write side (`chat projections rebuild`), if it has any."""
