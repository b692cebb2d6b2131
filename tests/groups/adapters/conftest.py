from collections.abc import Callable
from functools import partial

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from contexts.groups.adapters.outbound.sqlalchemy import tables
from contexts.groups.adapters.outbound.sqlalchemy.unit_of_work import SqlAlchemyGroupsUnitOfWork
from infra.db.engine import session_factory
from infra.db.migrations import Migrations
from tests.databases import Wakes

UnitOfWorkFactory = Callable[[], SqlAlchemyGroupsUnitOfWork]


@pytest.fixture
def migrations() -> Migrations:
    """Groups', for the `engine` fixture of tests/databases.py."""
    return tables.migrations


@pytest.fixture
def unit_of_work(engine: AsyncEngine, wakes: Wakes) -> UnitOfWorkFactory:
    return partial(SqlAlchemyGroupsUnitOfWork, session_factory(engine), tables.messaging, wakes)
