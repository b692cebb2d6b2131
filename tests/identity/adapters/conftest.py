from collections.abc import Callable
from functools import partial

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from contexts.identity.adapters.outbound.sqlalchemy import tables
from contexts.identity.adapters.outbound.sqlalchemy.unit_of_work import SqlAlchemyIdentityUnitOfWork
from infra.db.engine import session_factory
from infra.db.migrations import Migrations
from tests.databases import Wakes

UnitOfWorkFactory = Callable[[], SqlAlchemyIdentityUnitOfWork]


@pytest.fixture
def migrations() -> Migrations:
    """Identity's, for the `engine` fixture of tests/databases.py."""
    return tables.migrations


@pytest.fixture
def unit_of_work(engine: AsyncEngine, wakes: Wakes) -> UnitOfWorkFactory:
    return partial(SqlAlchemyIdentityUnitOfWork, session_factory(engine), tables.messaging, wakes)
