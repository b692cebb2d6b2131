"""What a context contributes to a process.

Each context's container assembles one; the runtime composes processes from them and knows
nothing else about a context. The same module runs in the monolith and as its own service.
"""

from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from fastapi import APIRouter

from infra.outbox.inbox import U, idempotent, idempotent_batches
from infra.outbox.outbox import Outbox
from kernel.integration_event import EventBatchHandler, EventPayload, IntegrationEvent

Task = Callable[[], Awaitable[None]]
ReadinessCheck = Callable[[], Awaitable[bool]]


@dataclass(frozen=True)
class Consumer:
    """Applies the integration events of `event_types`, handed to it in batches in the order they
    were published (see `kernel.integration_event.EventBatchHandler`).

    Delivery is at least once, so applying an event twice must change nothing: made with
    `through_inbox`, a consumer remembers what it applied; made with `without_inbox`, its own
    writes see to it, and its call site says how.
    """

    event_types: Collection[str]
    apply: EventBatchHandler
    inbox: bool = field(kw_only=True)
    """Whether it records each event it applies in its inbox; the event catalogue tells consumers
    which way each is idempotent (`chat context-map`)."""


def through_inbox(
    inbox: str,
    event_types: Collection[str],
    unit_of_work: Callable[[], U],
    apply: Callable[[IntegrationEvent, U], Awaitable[None]],
) -> Consumer:
    """A consumer that applies each new event through `unit_of_work`, in the transaction that
    records it in the inbox as `inbox` (`infra.outbox.inbox.idempotent`)."""
    return Consumer(event_types, idempotent(inbox, unit_of_work, apply), inbox=True)


def through_inbox_in_batches(
    inbox: str,
    event_types: Collection[str],
    unit_of_work: Callable[[], U],
    apply: Callable[[Sequence[IntegrationEvent], U], Awaitable[None]],
) -> Consumer:
    """As `through_inbox`, handing `apply` a batch's new events at once
    (`infra.outbox.inbox.idempotent_batches`)."""
    return Consumer(event_types, idempotent_batches(inbox, unit_of_work, apply), inbox=True)


def without_inbox(event_types: Collection[str], apply: EventBatchHandler) -> Consumer:
    """A consumer whose writes make a redelivered event change nothing by themselves (each keeps the
    newest of what it is told, say); where it is made, a comment says why they do."""
    return Consumer(event_types, apply, inbox=False)


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
    larger_request_bodies: Mapping[str, int] = field(default_factory=dict)
    """The paths of its routes that take request bodies larger than the process's limit
    (MAX_REQUEST_BODY_BYTES), and the limit of each."""
    rebuild_projections: Task | None = None
    """Rebuilds the context's read models from its write side (`chat projections rebuild`), if it has any."""
