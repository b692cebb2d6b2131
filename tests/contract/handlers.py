"""Both sides of the bus for contract tests: events to publish, handlers that record and fail."""

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

from infra.bus.event_bus import EventBus
from kernel.integration_event import IntegrationEvent

TIMEOUT_SECONDS = 30.0
"""Generous: a Kafka consumer group may take seconds to form; a passing test never waits this long."""

REGISTERED = "identity.user_registered"
RENAMED = "identity.user_renamed"


def event(event_type: str = REGISTERED, subject: str = "user-1", n: int = 0) -> IntegrationEvent:
    return IntegrationEvent(
        type=event_type,
        source=event_type.split(".", 1)[0],
        subject=subject,
        time=datetime.now(UTC),
        data={"n": n},
    )


class RecordingHandler:
    """Records every event it applies; `fails` picks the attempts that raise instead."""

    def __init__(self, fails: Callable[[IntegrationEvent, int], bool] = lambda event, attempt: False) -> None:
        self.applied: list[IntegrationEvent] = []
        self.attempts: dict[UUID, int] = {}
        self._fails = fails
        self._changed = asyncio.Condition()

    async def __call__(self, event: IntegrationEvent) -> None:
        attempt = self.attempts[event.id] = self.attempts.get(event.id, 0) + 1
        if self._fails(event, attempt):
            raise RuntimeError(f"attempt {attempt} at {event.id} failed")
        async with self._changed:
            self.applied.append(event)
            self._changed.notify_all()

    async def wait_for_all(self, *events: IntegrationEvent) -> None:
        """Returns once each of `events` was applied (at least once)."""
        expected = {e.id for e in events}
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: expected <= {e.id for e in self.applied}), TIMEOUT_SECONDS
            )


async def publish_like_the_relay(bus: EventBus, event: IntegrationEvent, attempts: int = 10) -> None:
    """Publish until the bus takes the event, as the outbox relay retries a failed publish."""
    for attempt in range(1, attempts + 1):
        try:
            await bus.publish(event)
        except Exception:
            if attempt == attempts:
                raise
        else:
            return
