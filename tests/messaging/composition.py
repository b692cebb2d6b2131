"""Messaging composed as the runtime composes it, on the databases a test names."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from pymongo import AsyncMongoClient

from contexts.messaging.container import MessagingContainer
from infra.bus.in_process import InProcessEventBus
from kernel.clock import Clock, SystemClock
from runtime.consumer_groups import subscribe_context


@asynccontextmanager
async def composed_messaging(
    database_url: str,
    mongodb: AsyncMongoClient[dict[str, Any]] | None = None,
    mongodb_database: str = "hexchat",
    clock: Clock | None = None,
) -> AsyncIterator[tuple[MessagingContainer, InProcessEventBus]]:
    """Messaging's container, migrated, its subscriptions on an in-process bus the test publishes to."""
    bus = InProcessEventBus()
    container = MessagingContainer(bus=bus, clock=clock or SystemClock(), mongodb=mongodb)
    container.config.from_dict(
        {
            "database_url": database_url,
            "relay_poll_interval_seconds": 1.0,
            "mongodb_database": mongodb_database,
        }
    )
    module = container.module()
    await module.migrate()
    subscribe_context(bus, module.name, module.subscriptions)
    try:
        yield container, bus
    finally:
        await module.close()
