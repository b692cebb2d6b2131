"""Both sides of the bus for contract tests: events to publish, handlers that record and fail."""

import asyncio
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from uuid import UUID

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
    """Records every batch it applies; `fails` picks the attempts at an event that make its batch
    raise, and `failure` makes what it raises: by default an error of the handler's own."""

    def __init__(
        self,
        fails: Callable[[IntegrationEvent, int], bool] = lambda event, attempt: False,
        failure: Callable[[], Exception] = lambda: RuntimeError("the handler failed"),
    ) -> None:
        self.applied: list[IntegrationEvent] = []
        self.batches: list[int] = []
        """The size of each batch applied."""
        self.attempts: dict[UUID, int] = {}
        self._fails = fails
        self._failure = failure
        self._changed = asyncio.Condition()

    async def __call__(self, events: Sequence[IntegrationEvent]) -> None:
        failing = False
        for event in events:
            attempt = self.attempts[event.id] = self.attempts.get(event.id, 0) + 1
            failing = failing or self._fails(event, attempt)
        if failing:
            raise self._failure()
        async with self._changed:
            self.applied.extend(events)
            self.batches.append(len(events))
            self._changed.notify_all()

    async def wait_for_all(self, *events: IntegrationEvent) -> None:
        """Returns once each of `events` was applied (at least once)."""
        expected = {e.id for e in events}
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: expected <= {e.id for e in self.applied}), TIMEOUT_SECONDS
            )


class StuckHandler:
    """Never returns from the batch it is handed: a consumer that hangs (until `release`)."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.release = asyncio.Event()

    async def __call__(self, events: Sequence[IntegrationEvent]) -> None:
        self.started.set()
        await self.release.wait()
