"""One context's database, for the embedded default as well as PostgreSQL.

SQLite lets one writer in at a time. Left to itself, a writer that finds the database locked
polls in SQLite's busy handler, sleeping up to 100 ms between tries and serving no one in
particular, so under load commands and consumers meet there and lose turns at random. Here the
sessions that may write share one connection instead, and queue for it in the process, in
arrival order: whoever asks first writes next, and no one sleeps. Sessions that only read
(`reading`) have connections of their own and, with WAL, neither wait for the writer nor make
it wait. PostgreSQL locks rows and needs none of this: there every session uses one pool.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session

_READS_ONLY = "hexchat_reads_only"
_READER = "hexchat_reader"

_SQLITE_WRITERS_WAIT_SECONDS = 30.0
"""How long a writer queues for the connection before failing: far beyond any transaction's length."""


class Database:
    def __init__(self, url: str) -> None:
        if url.startswith("sqlite"):
            # One connection for writers: they take turns for it (see above).
            self.engine = create_async_engine(
                url, pool_size=1, max_overflow=0, pool_timeout=_SQLITE_WRITERS_WAIT_SECONDS
            )
            self._reader: AsyncEngine | None = create_async_engine(url)
            for engine, begin in ((self.engine, "BEGIN IMMEDIATE"), (self._reader, "BEGIN")):
                event.listen(engine.sync_engine, "connect", _tune_sqlite)
                event.listen(engine.sync_engine, "begin", _beginning_with(begin))
            info = {_READER: self._reader.sync_engine}
        else:
            self.engine = create_async_engine(url, pool_pre_ping=True)
            self._reader = None
            info = {}
        self.sessions = async_sessionmaker(
            self.engine, sync_session_class=_Session, expire_on_commit=False, info=info
        )
        """Sessions that may write; `reading(sessions)` makes one that only reads."""

    async def is_reachable(self) -> bool:
        """Readiness: whether the database answers a trivial query (without queueing behind writers)."""
        try:
            async with (self._reader or self.engine).connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self._reader is not None:
            await self._reader.dispose()


@asynccontextmanager
async def reading(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session that only reads: on SQLite it neither waits for writers nor makes them wait, and
    WAL gives it a consistent snapshot."""
    async with sessions(info={_READS_ONLY: True}) as db:
        yield db


class _Session(Session):
    """Binds a session that only reads to the readers' engine, where there is one."""

    def get_bind(self, *args: Any, **kwargs: Any) -> Engine | Connection:
        reader: Engine | None = self.info.get(_READER)
        if reader is not None and self.info.get(_READS_ONLY):
            return reader
        return super().get_bind(*args, **kwargs)


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers run beside the writer; the busy timeout makes another process's writer
    (a migration, `chat projections rebuild`) wait rather than fail."""
    # Let SQLAlchemy, not the driver, decide when a transaction begins (see _beginning_with).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _beginning_with(statement: str) -> Any:
    """Begin SQLite transactions with `statement`: IMMEDIATE for writers, plain for readers.

    A deferred transaction that reads and then writes fails at once with SQLITE_BUSY when
    another writer committed in between (its snapshot is stale), and no busy timeout helps.
    Beginning immediately takes the write lock up front, which read-check-write use cases
    (sequence numbers, token rotation) need against writers in other processes. A transaction
    that only reads has nothing to lock: it begins deferred.
    """

    def begin(connection: Connection) -> None:
        connection.exec_driver_sql(statement)

    return begin
