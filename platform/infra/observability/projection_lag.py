"""How far a context's read models trail its events: the consistency window of its queries.

The lag runs from the moment an event happened (its `time`) to the moment its projection is
stored; /metrics exports it so the window can be watched and alerted on.
"""

from collections.abc import Sequence

from prometheus_client import Histogram

from kernel.clock import Clock
from kernel.integration_event import EventBatchHandler, IntegrationEvent

PROJECTION_LAG = Histogram(
    "read_model_projection_lag_seconds",
    "Time from an integration event to its projection into a context's read models",
    ["context"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)


def measured_projection(context: str, project: EventBatchHandler, clock: Clock) -> EventBatchHandler:
    """`project`, with the lag of each event of a batch observed once the batch is stored."""

    async def handle(events: Sequence[IntegrationEvent]) -> None:
        await project(events)
        now = clock.now()
        for event in events:
            PROJECTION_LAG.labels(context).observe(max((now - event.time).total_seconds(), 0.0))

    return handle
