from collections.abc import AsyncIterator, Callable
from functools import partial

import pytest

from contexts.notifications.adapters.outbound.sqlalchemy import tables
from contexts.notifications.adapters.outbound.sqlalchemy.unit_of_work import SqlAlchemyNotificationsUnitOfWork
from contexts.notifications.container import NotificationsContainer
from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork
from contexts.notifications.settings import NotificationsSettings
from infra.db.database import Database
from infra.db.migrations import Migrations
from kernel.integration_event import EventBatchHandler
from runtime.consumer_groups import group_handler
from tests.clock import SteppedClock
from tests.databases import Wakes, unit_of_work_of_the_kind
from tests.notifications.application.fakes import FakeDatabase, FakeNotificationsUnitOfWork

UnitOfWorkFactory = Callable[[], NotificationsUnitOfWork]
SqlUnitOfWorkFactory = Callable[[], SqlAlchemyNotificationsUnitOfWork]


@pytest.fixture
def migrations() -> Migrations:
    """Notifications', for the `database` fixture of tests/databases.py."""
    return tables.migrations


@pytest.fixture
def unit_of_work(database_kind: str, request: pytest.FixtureRequest) -> UnitOfWorkFactory:
    """On a database of each kind; in a contract marked `ALSO_ON_THE_FAKE`, on the fake too."""
    return unit_of_work_of_the_kind(database_kind, request, FakeNotificationsUnitOfWork)


@pytest.fixture
def fake_database() -> FakeDatabase:
    return FakeDatabase()


@pytest.fixture
def sql_unit_of_work(database: Database, wakes: Wakes) -> SqlUnitOfWorkFactory:
    return partial(SqlAlchemyNotificationsUnitOfWork, database.sessions, tables.outbox, wakes)


@pytest.fixture
async def composed(database_url: str) -> AsyncIterator[tuple[NotificationsContainer, EventBatchHandler]]:
    """Notifications as the runtime composes it, migrated, with its consumer group's handler for the
    test to hand batches to (no bus carries its outbox: what it publishes stays there)."""
    container = NotificationsContainer(
        settings=NotificationsSettings(notifications_database_url=database_url), clock=SteppedClock()
    )
    module = container.module()
    await module.migrate()
    try:
        yield container, group_handler(module.consumers)
    finally:
        await module.close()
