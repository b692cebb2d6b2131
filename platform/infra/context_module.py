"""What a context contributes to a process.

Each context's container assembles one; the runtime composes processes from them and knows
nothing else about a context. The same module runs in the monolith and as its own service.
"""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field

from fastapi import APIRouter

from infra.bus.event_bus import EventHandler

Task = Callable[[], Awaitable[None]]
ReadinessCheck = Callable[[], Awaitable[bool]]


@dataclass(frozen=True)
class EventSubscription:
    """A handler the context wants called for every integration event of `event_type`.

    The handler is expected to be idempotent (see `infra.outbox.inbox.idempotent`).
    """

    event_type: str
    handler: EventHandler


@dataclass(frozen=True)
class ContextModule:
    name: str
    routers: Sequence[APIRouter]
    migrate: Task
    close: Task
    background: Sequence[Task] = field(default_factory=tuple)
    """Long-running tasks (the outbox relay, ...), started after migrations and cancelled at shutdown."""
    readiness: Mapping[str, ReadinessCheck] = field(default_factory=dict)
    subscriptions: Sequence[EventSubscription] = field(default_factory=tuple)
    """What the context consumes; the runtime subscribes them as one consumer group named after it."""
    rebuild_projections: Task | None = None
    """Rebuilds the context's read models from its write side (`chat projections rebuild`), if it has any."""
