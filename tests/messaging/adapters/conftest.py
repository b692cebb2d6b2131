from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from contexts.messaging.adapters.outbound.mongodb.read_model_store import MongoReadModelStore
from contexts.messaging.adapters.outbound.sqlalchemy import tables
from contexts.messaging.adapters.outbound.sqlalchemy.read_model_store import SqlAlchemyReadModelStore
from contexts.messaging.adapters.outbound.sqlalchemy.unit_of_work import SqlAlchemyMessagingUnitOfWork
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from infra.db.database import Database
from infra.db.migrations import Migrations
from infra.outbox.outbox import Outbox
from tests.databases import Wakes, unit_of_work_of_the_kind
from tests.messaging.application.fakes import FakeDatabase, FakeMessagingUnitOfWork

UnitOfWorkFactory = Callable[[], MessagingUnitOfWork]
SqlUnitOfWorkFactory = Callable[[], SqlAlchemyMessagingUnitOfWork]


@pytest.fixture
def migrations() -> Migrations:
    """Messaging's, for the `database` fixture of tests/databases.py."""
    return tables.migrations


@pytest.fixture
def unit_of_work(database_kind: str, request: pytest.FixtureRequest) -> UnitOfWorkFactory:
    """On a database of each kind; in a contract marked `ALSO_ON_THE_FAKE`, on the fake too."""
    return unit_of_work_of_the_kind(database_kind, request, FakeMessagingUnitOfWork)


@pytest.fixture
def fake_database() -> FakeDatabase:
    return FakeDatabase()


@pytest.fixture
def outbox(database: Database) -> Outbox:
    return Outbox("messaging", database.sessions, tables.outbox)


@pytest.fixture
def sql_unit_of_work(database: Database, wakes: Wakes) -> SqlUnitOfWorkFactory:
    return partial(SqlAlchemyMessagingUnitOfWork, database.sessions, tables.outbox, wakes)


@pytest.fixture(params=["sqlite", "postgresql", "mongodb"])
def read_models_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where `read_models` keeps them: an embedded database of each kind, or a MongoDB server."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/views.db"
    url: str = request.getfixturevalue(f"{request.param.replace('postgresql', 'postgres')}_url")
    return url


@pytest.fixture
async def read_models(read_models_url: str) -> AsyncIterator[SqlAlchemyReadModelStore | MongoReadModelStore]:
    """An empty read-model store of every kind."""
    if read_models_url.startswith("mongodb"):
        async with mongo_read_models(read_models_url) as (store, _):
            yield store
        return
    database = Database(read_models_url)
    await tables.migrations.upgrade(database.engine)
    yield SqlAlchemyReadModelStore(database.sessions)
    await database.dispose()


@asynccontextmanager
async def mongo_read_models(
    mongodb_url: str,
) -> AsyncIterator[tuple[MongoReadModelStore, AsyncDatabase[dict[str, Any]]]]:
    """The MongoDB read models in a database of their own, dropped afterwards; and that database."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongodb_url)
    database = f"test_{uuid4().hex}"
    store = MongoReadModelStore(client, database)
    await store.create_indexes()
    try:
        yield store, client[database]
    finally:
        await client.drop_database(database)
        await client.close()
