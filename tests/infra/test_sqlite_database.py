"""On the embedded database, concurrent read-then-write transactions queue instead of failing, in
the order they came, and transactions that only read wait for nobody."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from infra.db.database import Database, reading


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    """A table `counter` holding one row, n = 0."""
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/counter.db")
    async with database.engine.begin() as connection:
        await connection.execute(text("CREATE TABLE counter (n INTEGER NOT NULL)"))
        await connection.execute(text("INSERT INTO counter VALUES (0)"))
    yield database
    await database.dispose()


async def test_concurrent_read_check_write_transactions_neither_fail_nor_lose_updates(
    database: Database,
) -> None:
    engine = database.engine

    async def increment() -> None:
        async with engine.begin() as connection:
            n = (await connection.execute(text("SELECT n FROM counter"))).scalar_one()
            await asyncio.sleep(0)  # let the others read too, if they could
            await connection.execute(text("UPDATE counter SET n = :n"), {"n": n + 1})

    await asyncio.gather(*(increment() for _ in range(50)))

    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT n FROM counter"))).scalar_one() == 50


async def test_a_reading_session_reads_the_last_commit_while_a_writer_holds_the_lock(
    database: Database,
) -> None:
    async with database.engine.begin() as writer:
        await writer.execute(text("UPDATE counter SET n = 2"))
        async with reading(database.sessions) as db:
            seen = (await db.execute(text("SELECT n FROM counter"))).scalar_one()

    assert seen == 0


async def test_writers_take_turns_in_the_order_they_came_and_none_is_passed(database: Database) -> None:
    served: list[str] = []

    async def write(name: str) -> None:
        async with database.sessions() as db, db.begin():
            await db.execute(text("UPDATE counter SET n = n + 1"))
            served.append(name)

    holder = await database.engine.connect()  # holds the writers' one connection
    await holder.execute(text("UPDATE counter SET n = n + 1"))
    waiting = [asyncio.create_task(write(f"waiter {n}")) for n in range(3)]
    await asyncio.sleep(0.1)  # all three are waiting for the connection now
    # Ready to run before the first waiter is woken by the release below, so it asks for the
    # connection while it is back in the pool and that waiter has yet to take it.
    newcomer = asyncio.create_task(write("newcomer"))
    await holder.close()
    await asyncio.gather(*waiting, newcomer)

    assert served == ["waiter 0", "waiter 1", "waiter 2", "newcomer"]


def modes(directory: Path, pattern: str) -> dict[str, str]:
    return {file.name: oct(file.stat().st_mode & 0o777) for file in directory.glob(pattern)}


async def test_the_files_of_a_new_database_are_its_owners_alone(database: Database, tmp_path: Path) -> None:
    assert modes(tmp_path, "counter.db*") == dict.fromkeys(
        ["counter.db", "counter.db-shm", "counter.db-wal"], oct(0o600)
    )
