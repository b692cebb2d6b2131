"""How far a context's read models trail its events: the consistency window of its queries.

The lag runs from the moment an event happened (its `time`) to the moment its projection is
stored; /metrics exports it so the window can be watched and alerted on.
"""

from prometheus_client import Histogram

from infra.bus.event_bus import EventHandler
from infra.observability.correlation import correlation_scope
from kernel.clock import Clock
from kernel.integration_event import IntegrationEvent

PROJECTION_LAG = Histogram(
    "read_model_projection_lag_seconds",
    "Time from an integration event to its projection into a context's read models",
    ["context"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)


def measured_projection(context: str, project: EventHandler, clock: Clock) -> EventHandler:
    """`project`, run under the event's correlation id, its lag observed once it is stored."""

    async def handle(event: IntegrationEvent) -> None:
        with correlation_scope(event.correlation_id):
            await project(event)
        lag = (clock.now() - event.time).total_seconds()
        PROJECTION_LAG.labels(context).observe(max(lag, 0.0))

    return handle
