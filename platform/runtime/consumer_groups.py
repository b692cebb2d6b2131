"""One consumer group per context: its subscriptions share a group and are dispatched by type."""

from collections.abc import Sequence

from infra.bus.event_bus import EventBus
from infra.context_module import EventSubscription
from kernel.integration_event import IntegrationEvent


def subscribe_context(bus: EventBus, context: str, subscriptions: Sequence[EventSubscription]) -> None:
    """Subscribe a context's handlers as the consumer group `context`.

    Handlers of one event type run one after another, in the order given; if one fails the
    event is delivered again, and the handlers that had already applied it skip it through
    their inboxes.
    """
    if not subscriptions:
        return

    async def dispatch(event: IntegrationEvent) -> None:
        for subscription in subscriptions:
            if subscription.event_type == event.type:
                await subscription.handler(event)

    bus.subscribe(context, {s.event_type for s in subscriptions}, dispatch)
