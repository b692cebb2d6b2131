"""Messaging composed as the runtime composes it, on the databases a test names."""

import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from pymongo import AsyncMongoClient

from contexts.messaging.container import MessagingContainer
from contexts.messaging.settings import MessagingSettings
from kernel.clock import Clock, SystemClock
from kernel.integration_event import EventBatchHandler
from runtime.consumer_groups import group_handler


@asynccontextmanager
async def composed_messaging(
    database_url: str,
    mongodb: AsyncMongoClient[dict[str, Any]] | None = None,
    mongodb_database: str = "hexchat",
    clock: Clock | None = None,
    files_dir: Path | None = None,
) -> AsyncIterator[tuple[MessagingContainer, EventBatchHandler]]:
    """Messaging's container, migrated, with its consumer group's handler for the test to hand
    batches of events to, as the bus would; its files are kept in `files_dir`, else in a directory
    of the test's."""
    with tempfile.TemporaryDirectory(prefix="hexchat-files-") as scratch:
        container = MessagingContainer(
            settings=MessagingSettings(
                messaging_database_url=database_url,
                mongodb_database=mongodb_database,
                files_dir=files_dir or Path(scratch),
            ),
            clock=clock or SystemClock(),
            mongodb=mongodb,
        )
        module = container.module()
        await module.migrate()
        try:
            yield container, group_handler(module.consumers)
        finally:
            await module.close()
