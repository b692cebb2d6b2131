from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from functools import partial
from uuid import UUID

import pytest
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.database import Database
from infra.db.outbox_tables import (
    OutboxTables,
    create_consumer_positions_table,
    create_dead_letters_table,
    create_outbox_tables,
    outbox_tables,
)
from infra.db.unit_of_work import SqlAlchemyUnitOfWork
from infra.outbox.outbox import Outbox
from kernel.integration_event import IntegrationEvent
from kernel.unit_of_work import UnitOfWork
from tests.databases import FAKE, Wakes
from tests.fake_unit_of_work import FakeUnitOfWork

CONTEXT = "test"


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    async with database.engine.begin() as connection:
        await connection.run_sync(create_outbox_tables, CONTEXT)
        await connection.run_sync(create_consumer_positions_table, CONTEXT)
        await connection.run_sync(create_dead_letters_table, CONTEXT)
    yield database
    await database.dispose()


@pytest.fixture
def sessions(database: Database) -> async_sessionmaker[AsyncSession]:
    return database.sessions


@pytest.fixture
def tables() -> OutboxTables:
    return outbox_tables(MetaData(), CONTEXT)


@pytest.fixture
def outbox(sessions: async_sessionmaker[AsyncSession], tables: OutboxTables) -> Outbox:
    return Outbox(CONTEXT, sessions, tables)


@dataclass
class FakeDatabase:
    """All the fake unit of work every context's extends keeps, without a context's repositories."""

    outbox: list[IntegrationEvent] = field(default_factory=list)
    inbox: set[tuple[UUID, str]] = field(default_factory=set)


@pytest.fixture
def fake_database() -> FakeDatabase:
    return FakeDatabase()


@pytest.fixture
def unit_of_work(
    database_kind: str, request: pytest.FixtureRequest, wakes: Wakes
) -> Callable[[], UnitOfWork]:
    """The unit of work every context's extends, on a database of each kind; in a contract marked
    `ALSO_ON_THE_FAKE`, the fake every context's fake extends too."""
    if database_kind == FAKE:
        return partial(FakeUnitOfWork, request.getfixturevalue("fake_database"))
    sessions = request.getfixturevalue("sessions")
    return partial(SqlAlchemyUnitOfWork, sessions, request.getfixturevalue("tables"), wakes)
