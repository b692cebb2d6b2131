"""One async engine per context database, tuned for the embedded default as well as PostgreSQL."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def create_engine(url: str) -> AsyncEngine:
    engine = create_async_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _tune_sqlite)
        event.listen(engine.sync_engine, "begin", _begin)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers run beside the writer; the busy timeout makes writers queue instead of fail."""
    # Let SQLAlchemy, not the driver, decide when a transaction begins (see _begin_immediate).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


async def is_reachable(engine: AsyncEngine) -> bool:
    """Readiness: whether the database answers a trivial query."""
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception:
        return False
    return True


@asynccontextmanager
async def reading(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session that only reads: on SQLite it never takes the write lock (see `_begin`), so it
    neither waits for writers nor makes them wait; WAL gives it a consistent snapshot."""
    async with sessions() as db:
        await db.connection(execution_options={_READS_ONLY: True})
        yield db


_READS_ONLY = "hexchat_reads_only"


def _begin(connection: Connection) -> None:
    """Take SQLite's write lock when a transaction begins, not at its first write.

    A deferred transaction that reads and then writes fails at once with SQLITE_BUSY when
    another writer committed in between (its snapshot is stale), and no busy timeout helps.
    Beginning immediately makes concurrent transactions queue instead, which is what
    read-check-write use cases (sequence numbers, token rotation) need. PostgreSQL does not
    need this: it locks rows. A transaction that only reads (`reading`) has nothing to queue
    for: it begins deferred, or a thousand sockets opening at once would wait on each other.
    """
    reads_only = connection.get_execution_options().get(_READS_ONLY, False)
    connection.exec_driver_sql("BEGIN" if reads_only else "BEGIN IMMEDIATE")
