from collections.abc import Callable
from functools import partial

import pytest

from contexts.identity.adapters.outbound.sqlalchemy import tables
from contexts.identity.adapters.outbound.sqlalchemy.unit_of_work import SqlAlchemyIdentityUnitOfWork
from infra.db.database import Database
from infra.db.migrations import Migrations
from tests.databases import Wakes

UnitOfWorkFactory = Callable[[], SqlAlchemyIdentityUnitOfWork]


@pytest.fixture
def migrations() -> Migrations:
    """Identity's, for the `database` fixture of tests/databases.py."""
    return tables.migrations


@pytest.fixture
def unit_of_work(database: Database, wakes: Wakes) -> UnitOfWorkFactory:
    return partial(SqlAlchemyIdentityUnitOfWork, database.sessions, tables.outbox, wakes)
