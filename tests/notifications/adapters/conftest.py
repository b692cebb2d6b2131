from collections.abc import AsyncIterator, Callable
from functools import partial

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from contexts.notifications.adapters.outbound.sqlalchemy import tables
from contexts.notifications.adapters.outbound.sqlalchemy.unit_of_work import SqlAlchemyNotificationsUnitOfWork
from contexts.notifications.container import NotificationsContainer
from infra.bus.in_process import InProcessEventBus
from infra.db.engine import session_factory
from infra.db.migrations import Migrations
from runtime.consumer_groups import subscribe_context
from tests.clock import SteppedClock
from tests.databases import Wakes

UnitOfWorkFactory = Callable[[], SqlAlchemyNotificationsUnitOfWork]


@pytest.fixture
def migrations() -> Migrations:
    """Notifications', for the `engine` fixture of tests/databases.py."""
    return tables.migrations


@pytest.fixture
def unit_of_work(engine: AsyncEngine, wakes: Wakes) -> UnitOfWorkFactory:
    return partial(SqlAlchemyNotificationsUnitOfWork, session_factory(engine), tables.messaging, wakes)


@pytest.fixture
async def composed(database_url: str) -> AsyncIterator[tuple[NotificationsContainer, InProcessEventBus]]:
    """Notifications as the runtime composes it, migrated, subscribed to an in-process bus the
    test publishes to (its relay is not running: what it publishes stays in its outbox)."""
    bus = InProcessEventBus()
    container = NotificationsContainer(bus=bus, clock=SteppedClock())
    container.config.from_dict({"database_url": database_url, "relay_poll_interval_seconds": 1.0})
    module = container.module()
    await module.migrate()
    subscribe_context(bus, module.name, module.subscriptions)
    try:
        yield container, bus
    finally:
        await module.close()
