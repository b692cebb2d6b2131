"""Counting what a piece of code writes to a database: the cost of a write, told by rows, not time."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

_WRITES = ("INSERT", "UPDATE", "DELETE")


@contextmanager
def rows_written(engine: AsyncEngine) -> Iterator[list[int]]:
    """The rows each INSERT, UPDATE or DELETE run on `engine` within the block changed, one count
    per statement (a statement given many rows counts each)."""
    counts: list[int] = []

    def count(_: Any, cursor: Any, statement: str, parameters: Any, __: Any, executemany: bool) -> None:
        if statement.lstrip().upper().startswith(_WRITES):
            counts.append(len(parameters) if executemany else cursor.rowcount)

    event.listen(engine.sync_engine, "after_cursor_execute", count)
    try:
        yield counts
    finally:
        event.remove(engine.sync_engine, "after_cursor_execute", count)
