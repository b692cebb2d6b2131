import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from contexts.realtime.adapters.outbound.sqlalchemy import tables
from infra.db.engine import session_factory
from infra.db.migrations import Migrations


@pytest.fixture
def migrations() -> Migrations:
    """Realtime's, for the `engine` fixture of tests/databases.py."""
    return tables.migrations


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions on a fresh, migrated realtime database of each kind."""
    return session_factory(engine)
