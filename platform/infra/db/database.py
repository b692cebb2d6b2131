"""One context's database, for the embedded default as well as PostgreSQL.

SQLite lets one writer in at a time. Left to itself, a writer that finds the database locked
polls in SQLite's busy handler, sleeping up to 100 ms between tries and serving no one in
particular, so under load commands and consumers meet there and lose turns at random. Here the
sessions that may write share one connection instead, and queue for it in the process, in
arrival order: whoever asks first writes next, and no one sleeps. Sessions that only read
(`reading`) have connections of their own and, with WAL, neither wait for the writer nor make
it wait. SQLite is queried on the event loop's thread (`infra.db.inline_sqlite` says why).
PostgreSQL locks rows and needs none of this: there every session uses one pool.
"""

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Engine, event, make_url, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import AsyncAdaptedQueuePool, ConnectionPoolEntry
from sqlalchemy.util.concurrency import await_
from sqlalchemy.util.queue import AsyncAdaptedQueue, Empty

from infra.db.inline_sqlite import InlineSqliteConnection

_READS_ONLY = "hexchat_reads_only"
_READER = "hexchat_reader"

_SQLITE_WRITERS_WAIT_SECONDS = 30.0
"""How long a writer queues for the connection before failing: far beyond any transaction's length."""


class Database:
    def __init__(self, url: str) -> None:
        if url.startswith("sqlite"):
            connect = _inline(make_url(url).database or "")
            # One connection for writers: they take turns for it (see above).
            self.engine = create_async_engine(
                url,
                async_creator=connect,
                poolclass=_WritersPool,
                pool_size=1,
                max_overflow=0,
                pool_timeout=_SQLITE_WRITERS_WAIT_SECONDS,
            )
            self._reader: AsyncEngine | None = create_async_engine(url, async_creator=connect)
            for engine, begin in ((self.engine, "BEGIN IMMEDIATE"), (self._reader, "BEGIN")):
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


class _InArrivalOrder(AsyncAdaptedQueue[ConnectionPoolEntry]):
    """A pool's queue that serves those waiting for a connection strictly in the order they came.

    The queue SQLAlchemy's asyncio pools use hands a returned connection to whoever asks for it
    first, even a newcomer that asks while a waiter it woke has yet to run; that waiter finds the
    queue empty and waits again, at the back. With one connection and a steady stream of writers,
    a writer could wait for seconds (measured: 0.7 s). Here askers take turns on a lock that,
    like every asyncio lock, lets no newcomer past a waiter.

    Each asker first yields to the event loop once: SQLite answers without suspending
    (`infra.db.inline_sqlite`), so without it a task could write transaction after transaction
    and let no other task run. Yielding here, before the connection is taken, rather than at
    commit, keeps the writers' one connection from idling through a turn of the loop.
    """

    def __init__(self, maxsize: int = 0, use_lifo: bool = False) -> None:
        super().__init__(maxsize, use_lifo)
        self._turns: asyncio.Lock | None = None

    def get(self, block: bool = True, timeout: float | None = None) -> ConnectionPoolEntry:
        if not block:
            return self.get_nowait()
        try:
            return await_(self._get_in_turn(within=timeout))
        except TimeoutError as error:
            raise Empty() from error

    async def _get_in_turn(self, *, within: float | None) -> ConnectionPoolEntry:
        await asyncio.sleep(0)
        if self._turns is None:  # made in the event loop that uses it, not where the engine is built
            self._turns = asyncio.Lock()
        async with asyncio.timeout(within), self._turns:
            return await self._queue.get()


class _WritersPool(AsyncAdaptedQueuePool):
    _queue_class = _InArrivalOrder


def _inline(path: str) -> Callable[[], Coroutine[Any, Any, InlineSqliteConnection]]:
    async def connect() -> InlineSqliteConnection:
        return InlineSqliteConnection(path, _tune_sqlite)

    return connect


def _tune_sqlite(connection: sqlite3.Connection) -> None:
    """WAL lets readers run beside the writer; the busy timeout makes another process's writer
    (a migration, `chat projections rebuild`) wait rather than fail."""
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA busy_timeout=10000")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA foreign_keys=ON")


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
