from collections.abc import Callable
from functools import partial

import pytest

from contexts.identity.adapters.outbound.sqlalchemy import tables
from contexts.identity.adapters.outbound.sqlalchemy.unit_of_work import SqlAlchemyIdentityUnitOfWork
from contexts.identity.ports.unit_of_work import IdentityUnitOfWork
from infra.db.database import Database
from infra.db.migrations import Migrations
from infra.outbox.outbox import Outbox
from tests.databases import Wakes, unit_of_work_of_the_kind
from tests.identity.application.fakes import FakeDatabase, FakeIdentityUnitOfWork

UnitOfWorkFactory = Callable[[], IdentityUnitOfWork]
SqlUnitOfWorkFactory = Callable[[], SqlAlchemyIdentityUnitOfWork]


@pytest.fixture
def migrations() -> Migrations:
    """Identity's, for the `database` fixture of tests/databases.py."""
    return tables.migrations


@pytest.fixture
def unit_of_work(database_kind: str, request: pytest.FixtureRequest) -> UnitOfWorkFactory:
    """On a database of each kind; in a contract marked `ALSO_ON_THE_FAKE`, on the fake too."""
    return unit_of_work_of_the_kind(database_kind, request, FakeIdentityUnitOfWork)


@pytest.fixture
def fake_database() -> FakeDatabase:
    return FakeDatabase()


@pytest.fixture
def outbox(database: Database) -> Outbox:
    return Outbox("identity", database.sessions, tables.outbox)


@pytest.fixture
def sql_unit_of_work(database: Database, wakes: Wakes) -> SqlUnitOfWorkFactory:
    return partial(SqlAlchemyIdentityUnitOfWork, database.sessions, tables.outbox, wakes)
