"""One consumer group per context: its consumers share a group, each handed its part of every batch."""

from collections.abc import Sequence

from infra.bus.event_bus import EventBus
from infra.context_module import Consumer
from kernel.integration_event import EventBatchHandler, IntegrationEvent


def subscribe_context(bus: EventBus, context: str, consumers: Sequence[Consumer]) -> None:
    """Subscribe a context's consumers as the consumer group `context`."""
    if consumers:
        bus.subscribe(
            context, {t for consumer in consumers for t in consumer.event_types}, group_handler(consumers)
        )


def group_handler(consumers: Sequence[Consumer]) -> EventBatchHandler:
    """Hand each consumer, one after another, the events of a batch that are of its types, in order.

    Consumers keep state of their own, so the order of events between two of them does not matter;
    if one fails the batch is delivered again, and those that had applied it skip it through their
    inboxes.
    """

    async def dispatch(events: Sequence[IntegrationEvent]) -> None:
        for consumer in consumers:
            if mine := [event for event in events if event.type in consumer.event_types]:
                await consumer.apply(mine)

    return dispatch
