"""Writing a row that may already be there, as one statement that concurrent transactions cannot race.

Both databases say this the same way (`ON CONFLICT ...`), yet SQLAlchemy builds it only from
each dialect's own `insert`.
"""

from collections.abc import Mapping, Sequence

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


async def insert_if_missing(db: AsyncSession, table: Table, *rows: Mapping[str, object]) -> None:
    """Insert each of `rows` unless the table holds one with its key, even one a concurrent
    transaction just wrote."""
    if rows:
        await db.execute(_insert(db, table).on_conflict_do_nothing(), list(rows))


async def inserted_if_missing(db: AsyncSession, table: Table, row: Mapping[str, object]) -> bool:
    """Insert `row` unless the table holds one with its key, as `insert_if_missing` does; answers
    whether it did, so that what follows an insert happens once however often it is tried."""
    inserted = await db.execute(
        _insert(db, table).values(**row).on_conflict_do_nothing().returning(*table.primary_key.columns)
    )
    return inserted.first() is not None


async def upsert(
    db: AsyncSession,
    table: Table,
    *rows: Mapping[str, object],
    key: Sequence[str],
    changing: Sequence[str],
) -> None:
    """Insert each of `rows`, or else set its `changing` columns on the row with its key: the last
    write wins. No two of `rows` may share a key (PostgreSQL refuses to update a row twice in one
    statement)."""
    await _upsert(db, table, rows, key, changing)


async def upsert_unless_newer(
    db: AsyncSession,
    table: Table,
    *rows: Mapping[str, object],
    key: Sequence[str],
    changing: Sequence[str],
    revision: str,
) -> None:
    """Insert each of `rows`, or else set its `changing` columns on the row with its key, unless that
    row's `revision` column is higher: a newer state is never replaced by an older one. No two of
    `rows` may share a key, as for `upsert`."""
    await _upsert(db, table, rows, key, changing, unless_newer=revision)


async def _upsert(
    db: AsyncSession,
    table: Table,
    rows: Sequence[Mapping[str, object]],
    key: Sequence[str],
    changing: Sequence[str],
    unless_newer: str | None = None,
) -> None:
    if not rows:
        return
    insert = _insert(db, table)
    statement = insert.on_conflict_do_update(
        index_elements=list(key),
        set_={column: insert.excluded[column] for column in changing},
        where=None if unless_newer is None else table.c[unless_newer] <= insert.excluded[unless_newer],
    )
    await db.execute(statement, [dict(row) for row in rows])


def _insert(db: AsyncSession, table: Table) -> postgresql.Insert | sqlite.Insert:
    if db.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)
