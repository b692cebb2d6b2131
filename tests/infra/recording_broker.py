"""A broker double for relay tests: records what it is handed and refuses events on request."""

import asyncio
from collections.abc import Callable, Sequence

from kernel.integration_event import IntegrationEvent


class RecordingBroker:
    def __init__(
        self,
        fails: Callable[[IntegrationEvent], bool] = lambda event: False,
        failure: Callable[[], Exception] = lambda: ConnectionError("broker unavailable"),
    ) -> None:
        """`fails` picks the events refused, and `failure` makes what each refusal answers: by
        default, what a broker that is away answers."""
        self.published: list[IntegrationEvent] = []
        self.batches: list[int] = []
        """How many events each call handed over."""
        self.fails = fails
        self._failure = failure
        self.arrived = asyncio.Event()

    async def publish(self, events: Sequence[IntegrationEvent]) -> list[Exception | None]:
        self.batches.append(len(events))
        outcomes: list[Exception | None] = []
        for event in events:
            if self.fails(event):
                outcomes.append(self._failure())
            else:
                self.published.append(event)
                outcomes.append(None)
        self.arrived.set()
        return outcomes
