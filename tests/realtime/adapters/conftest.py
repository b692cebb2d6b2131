import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contexts.realtime.adapters.outbound.sqlalchemy import tables
from infra.db.database import Database
from infra.db.migrations import Migrations


@pytest.fixture
def migrations() -> Migrations:
    """Realtime's, for the `database` fixture of tests/databases.py."""
    return tables.migrations


@pytest.fixture
def sessions(database: Database) -> async_sessionmaker[AsyncSession]:
    """Sessions on a fresh, migrated realtime database of each kind."""
    return database.sessions
