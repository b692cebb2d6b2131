from collections.abc import AsyncIterator

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
from infra.outbox.outbox import Outbox

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
