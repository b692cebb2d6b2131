"""SQLite for SQLAlchemy's asyncio engine, queried on the event loop's own thread.

aiosqlite, the driver SQLAlchemy's asyncio SQLite dialect expects, runs each connection in a
thread of its own and hands every call to it through a queue: cursor, execute, fetch and close
are a round trip each, about 0.1 ms of CPU apiece, where SQLite itself answers an indexed query in
microseconds. Measured here, a transaction of one read and one write cost 1.6 ms through
aiosqlite and 0.67 ms through this module, whose connection answers the same calls by calling
`sqlite3` directly: an awaited call returns without ever suspending.

Blocking the loop for the length of an SQLite call is what makes it cheap, and is harmless
because the calls are short: WAL readers never wait, and this process's writers take turns for one
connection (`infra.db.database`). Two waits remain: a commit that checkpoints the WAL writes the
database file, and a writer in another process (`chat projections rebuild`) makes this one wait in
SQLite's busy handler; either holds the whole process for as long. And since a call returns
without suspending, a task could go from one transaction to the next without ever letting other
tasks run: the writers' pool (`infra.db.database`) yields to the event loop before it hands out
the connection, as a driver waiting for a server would, and never while a writer holds it.

The class only translates aiosqlite's asynchronous API to `sqlite3`'s, for the calls SQLAlchemy's
dialect makes (`sqlalchemy.dialects.sqlite.aiosqlite`), and is handed to it as `async_creator`.
"""

import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Self


class InlineSqliteCursor:
    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_: object) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, size: int) -> None:
        self._cursor.arraysize = size

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Self:
        self._cursor.execute(sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> Self:
        self._cursor.executemany(sql, parameters)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(self._cursor.arraysize if size is None else size)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()


class InlineSqliteConnection:
    def __init__(self, path: str, prepare: Callable[[sqlite3.Connection], None]) -> None:
        if path != ":memory:":
            # Owner-only, as the data in it is; SQLite gives its WAL files the same permissions.
            os.close(os.open(path, os.O_RDONLY | os.O_CREAT, 0o600))
        # SQLAlchemy, not the driver, decides when transactions begin (see `infra.db.database`).
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        prepare(connection)
        self._connection: sqlite3.Connection | None = connection
        """Named, and emptied on close, as aiosqlite's: the dialect looks at it before committing."""

    @property
    def isolation_level(self) -> str | None:
        return self._open().isolation_level

    def cursor(self) -> InlineSqliteCursor:
        return InlineSqliteCursor(self._open().cursor())

    async def commit(self) -> None:
        self._open().commit()

    async def rollback(self) -> None:
        self._open().rollback()

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        """Close at once; also how the dialect ends a connection it gave up on."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def create_function(self, *arguments: Any, **options: Any) -> None:
        self._open().create_function(*arguments, **options)

    def _open(self) -> sqlite3.Connection:
        if self._connection is None:
            raise ValueError("no active connection")  # what aiosqlite raises, which the dialect translates
        return self._connection
