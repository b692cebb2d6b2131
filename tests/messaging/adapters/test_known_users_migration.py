"""Users messaging knew before its copy was named known users are still known once migrated, and
identity's events it had applied are not applied again."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Uuid, column, insert, table

from contexts.messaging.adapters.outbound.sqlalchemy import tables
from infra.db.database import Database
from kernel.ids import new_id
from tests.messaging.adapters.conftest import UnitOfWorkFactory


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """Messaging's database as the revision before the rename left it."""
    database = Database(database_url)
    await tables.migrations.upgrade(database.engine, "0004")
    yield database
    await database.dispose()


async def test_known_users_and_the_events_that_told_of_them_survive_the_rename(
    database: Database, unit_of_work: UnitOfWorkFactory
) -> None:
    alice, applied = new_id(), new_id()
    async with database.engine.begin() as connection:
        # The table as it was: its column was `id`, so not `tables.known_users`.
        await connection.execute(insert(table("messaging_known_users", column("id", Uuid))), [{"id": alice}])
        await connection.execute(
            insert(tables.outbox.inbox),
            [
                {
                    "event_id": applied,
                    "consumer": "messaging.user_directory",
                    "processed_at": datetime.now(UTC),
                }
            ],
        )

    await tables.migrations.upgrade(database.engine)

    async with unit_of_work() as uow:
        assert await uow.known_users.contains(alice)
        assert await uow.remember([applied], "messaging.known_users") == frozenset()
