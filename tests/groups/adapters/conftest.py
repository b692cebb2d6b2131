from collections.abc import Callable
from functools import partial

import pytest

from contexts.groups.adapters.outbound.sqlalchemy import tables
from contexts.groups.adapters.outbound.sqlalchemy.unit_of_work import SqlAlchemyGroupsUnitOfWork
from contexts.groups.domain.group import Group
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from infra.db.database import Database
from infra.db.migrations import Migrations
from infra.outbox.outbox import Outbox
from tests.databases import Wakes, unit_of_work_of_the_kind
from tests.groups.application.fakes import FakeDatabase, FakeGroupsUnitOfWork
from tests.groups.builders import Cast, a_group

UnitOfWorkFactory = Callable[[], GroupsUnitOfWork]
SqlUnitOfWorkFactory = Callable[[], SqlAlchemyGroupsUnitOfWork]


@pytest.fixture
def migrations() -> Migrations:
    """Groups', for the `database` fixture of tests/databases.py."""
    return tables.migrations


@pytest.fixture
def unit_of_work(database_kind: str, request: pytest.FixtureRequest) -> UnitOfWorkFactory:
    """On a database of each kind; in a contract marked `ALSO_ON_THE_FAKE`, on the fake too."""
    return unit_of_work_of_the_kind(database_kind, request, FakeGroupsUnitOfWork)


@pytest.fixture
def fake_database() -> FakeDatabase:
    return FakeDatabase()


@pytest.fixture
def outbox(database: Database) -> Outbox:
    return Outbox("groups", database.sessions, tables.outbox)


@pytest.fixture
def sql_unit_of_work(database: Database, wakes: Wakes) -> SqlUnitOfWorkFactory:
    return partial(SqlAlchemyGroupsUnitOfWork, database.sessions, tables.outbox, wakes)


@pytest.fixture
def cast() -> Cast:
    return Cast()


@pytest.fixture
async def group(unit_of_work: UnitOfWorkFactory, cast: Cast) -> Group:
    """A stored group of the cast, through the unit of work of the test's kind."""
    group = a_group(cast)
    async with unit_of_work() as uow:
        await uow.groups.add(group)
        await uow.commit()
    return group
