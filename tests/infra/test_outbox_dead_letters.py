"""An outbox keeps the dead letters of the groups that read it directly, on SQLite and PostgreSQL."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.outbox_tables import OutboxTables
from infra.outbox.outbox import Outbox
from tests.infra.events import commit, event


async def test_a_dead_letter_keeps_its_latest_error_until_it_is_forgotten(
    sessions: async_sessionmaker[AsyncSession], outbox: Outbox, tables: OutboxTables
) -> None:
    first, second = event("a", 1), event("a", 2)
    await commit(sessions, outbox, tables, [first, second])
    [at_first, at_second] = await outbox.after(0, 10)

    await outbox.dead_letter("directory", at_second.position, ValueError("no such user"))
    await outbox.dead_letter("directory", at_first.position, ValueError("bad name"))
    await outbox.dead_letter("directory", at_first.position, ValueError("still a bad name"))

    assert await outbox.dead_letters("directory") == [at_first, at_second]
    assert await outbox.dead_letters("mailer") == []
    async with sessions() as session:
        errors = (await session.execute(select(tables.dead_letters.c.error))).scalars().all()
    assert sorted(errors) == ["ValueError('no such user')", "ValueError('still a bad name')"]

    await outbox.forget_dead_letters("directory", [at_first.position])
    assert await outbox.dead_letters("directory") == [at_second]
