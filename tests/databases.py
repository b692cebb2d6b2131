"""The write-side databases every SQL adapter is tested against: the embedded default and PostgreSQL."""

from collections.abc import AsyncIterator, Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.db.database import Database
from infra.db.migrations import Migrations
from infra.outbox.outbox import Outbox
from kernel.integration_event import IntegrationEvent
from tests.fake_unit_of_work import FakeOutboxAndInbox

FAKE = "fake"

ALSO_ON_THE_FAKE = pytest.mark.parametrize("database_kind", ["sqlite", "postgresql", FAKE], indirect=True)
"""Marks a port's contract: its tests run on the in-memory fake the application tests use as well as
on each database, so that the fake cannot drift from the adapters. Its fixtures hand out the fake
when `database_kind` is `FAKE`, and ask for `database` (or what needs it) only otherwise."""


T = TypeVar("T")


def unit_of_work_of_the_kind(
    database_kind: str, request: pytest.FixtureRequest, fake: Callable[[Any], T]
) -> Callable[[], T]:
    """A context's units of work for its `unit_of_work` fixture: the `fake`, on the conftest's
    `fake_database`, when the kind is `FAKE`; the conftest's `sql_unit_of_work` otherwise."""
    if database_kind == FAKE:
        return partial(fake, request.getfixturevalue("fake_database"))
    sql: Callable[[], T] = request.getfixturevalue("sql_unit_of_work")
    return sql


@pytest.fixture(params=["sqlite", "postgresql"])
def database_kind(request: pytest.FixtureRequest) -> str:
    kind: str = request.param
    return kind


@pytest.fixture
def database_url(database_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind, as an SQLAlchemy async URL."""
    if database_kind == "sqlite":
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


Committed = Callable[[], Awaitable[list[IntegrationEvent]]]
"""What the units of work of a test have committed to their outbox so far, in the order it is delivered."""


@pytest.fixture
def committed(database_kind: str, request: pytest.FixtureRequest) -> Committed:
    """Observes a unit-of-work contract (marked `ALSO_ON_THE_FAKE`) on each kind: through the SQL
    `outbox` as whoever delivers it reads it, or in the `fake_database` the fake commits to; the
    test's conftest provides the one its kind needs."""
    if database_kind == FAKE:
        fake: FakeOutboxAndInbox = request.getfixturevalue("fake_database")

        async def in_the_fake() -> list[IntegrationEvent]:
            return list(fake.outbox)

        return in_the_fake
    outbox: Outbox = request.getfixturevalue("outbox")

    async def in_the_outbox() -> list[IntegrationEvent]:
        return [logged.event for logged in await outbox.after(0, 1_000)]

    return in_the_outbox


class Wakes:
    """Counts after-commit calls, which wake whoever follows the outbox in a real process."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def wakes() -> Wakes:
    return Wakes()
