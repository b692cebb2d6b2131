"""The write-side databases every SQL adapter is tested against: the embedded default and PostgreSQL."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.db.database import Database
from infra.db.migrations import Migrations


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind, as an SQLAlchemy async URL."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/test.db"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
async def database(database_url: str, migrations: Migrations) -> AsyncIterator[Database]:
    """The database at `database_url` with the tables of the context whose `migrations` the test names."""
    database = Database(database_url)
    await migrations.upgrade(database.engine)
    yield database
    await database.dispose()


@pytest.fixture
def engine(database: Database) -> AsyncEngine:
    """What `database`'s sessions write through, for a test to look at the tables directly."""
    return database.engine


class Wakes:
    """Counts after-commit calls, which wake whoever follows the outbox in a real process."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def wakes() -> Wakes:
    return Wakes()
