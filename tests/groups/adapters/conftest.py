from collections.abc import Callable
from functools import partial

import pytest

from contexts.groups.adapters.outbound.sqlalchemy import tables
from contexts.groups.adapters.outbound.sqlalchemy.unit_of_work import SqlAlchemyGroupsUnitOfWork
from infra.db.database import Database
from infra.db.migrations import Migrations
from tests.databases import Wakes

UnitOfWorkFactory = Callable[[], SqlAlchemyGroupsUnitOfWork]


@pytest.fixture
def migrations() -> Migrations:
    """Groups', for the `database` fixture of tests/databases.py."""
    return tables.migrations


@pytest.fixture
def unit_of_work(database: Database, wakes: Wakes) -> UnitOfWorkFactory:
    return partial(SqlAlchemyGroupsUnitOfWork, database.sessions, tables.outbox, wakes)
