"""Messages logged before the log kept revisions are ranked by what they hold once migrated."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import insert

from contexts.realtime.adapters.outbound.sqlalchemy import tables
from contexts.realtime.adapters.outbound.sqlalchemy.message_log import SqlAlchemyMessageLog
from infra.db.database import Database
from kernel.ids import new_id
from tests.realtime.messages import a_message, logged


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """Realtime's database as its first migration left it."""
    database = Database(database_url)
    await tables.migrations.upgrade(database.engine, "0001")
    yield database
    await database.dispose()


async def test_a_message_edited_or_deleted_before_the_upgrade_is_not_replaced_by_an_older_telling(
    database: Database,
) -> None:
    conversation = new_id()
    first, second = a_message(conversation, 1, body="secret"), a_message(conversation, 2, body="helo")
    deleted = {**first, "body": "", "deleted": True}
    edited = {**second, "body": "hello", "edited_at": "2025-12-08T10:01:00Z"}
    async with database.engine.begin() as connection:
        await connection.execute(
            insert(tables.messages),
            [
                {"conversation_id": conversation, "seq": 1, "message": deleted},
                {"conversation_id": conversation, "seq": 2, "message": edited},
            ],
        )

    await tables.migrations.upgrade(database.engine)
    log = SqlAlchemyMessageLog(database.sessions)
    await log.record([logged(first), logged(second)])

    assert await log.after(conversation, 0, 10) == [deleted, edited]
