"""A bus double for relay tests: records what it is given and fails on request."""

import asyncio
from collections.abc import Callable, Collection

from infra.bus.event_bus import EventHandler
from kernel.integration_event import IntegrationEvent


class RecordingBus:
    def __init__(self, fails: Callable[[IntegrationEvent], bool] = lambda event: False) -> None:
        self.published: list[IntegrationEvent] = []
        self.fails = fails
        self.arrived = asyncio.Event()

    async def publish(self, event: IntegrationEvent) -> None:
        if self.fails(event):
            raise ConnectionError("broker unavailable")
        self.published.append(event)
        self.arrived.set()

    def subscribe(self, group: str, event_types: Collection[str], handler: EventHandler) -> None:
        raise NotImplementedError

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def is_ready(self) -> bool:
        return True
