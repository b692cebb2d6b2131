from collections.abc import AsyncIterator

import pytest
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from infra.db.engine import create_engine, session_factory
from infra.db.outbox_tables import MessagingTables, create_messaging_tables, messaging_tables

CONTEXT = "test"


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(create_messaging_tables, CONTEXT)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return session_factory(engine)


@pytest.fixture
def tables() -> MessagingTables:
    return messaging_tables(MetaData(), CONTEXT)
