"""Usernames notifications knew before its copy was named known users still resolve once migrated,
and identity's events it had applied are not applied again."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import String, Uuid, column, insert, table

from contexts.notifications.adapters.outbound.sqlalchemy import tables
from infra.db.database import Database
from kernel.ids import new_id
from tests.notifications.adapters.conftest import UnitOfWorkFactory


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """Notifications' database as the revision before the rename left it."""
    database = Database(database_url)
    await tables.migrations.upgrade(database.engine, "0005")
    yield database
    await database.dispose()


async def test_known_users_and_the_events_that_told_of_them_survive_the_rename(
    database: Database, unit_of_work: UnitOfWorkFactory
) -> None:
    bob, applied = new_id(), new_id()
    async with database.engine.begin() as connection:
        # The table as it was named, so not `tables.known_users`.
        usernames = table("notifications_usernames", column("user_id", Uuid), column("username", String))
        await connection.execute(insert(usernames), [{"user_id": bob, "username": "bob"}])
        await connection.execute(
            insert(tables.outbox.inbox),
            [{"event_id": applied, "consumer": "notifications.usernames", "processed_at": datetime.now(UTC)}],
        )

    await tables.migrations.upgrade(database.engine)

    async with unit_of_work() as uow:
        assert await uow.known_users.ids_of(["bob"]) == {"bob": bob}
        assert await uow.remember([applied], "notifications.known_users") == frozenset()
