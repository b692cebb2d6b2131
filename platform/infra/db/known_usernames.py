"""A context's copy of which user goes by which username, kept from identity's events.

Each context that reads `@username` keeps its own table of the same shape (a `user_id` key and a
`username`), in its own database, so one adapter serves every such table.
"""

from collections.abc import Collection
from uuid import UUID

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from infra.db.upserts import upsert


class KnownUsernames:
    def __init__(self, db: AsyncSession, table: Table) -> None:
        self._db = db
        self._table = table

    async def record(self, user_id: UUID, username: str) -> None:
        await upsert(
            self._db,
            self._table,
            {"user_id": user_id, "username": username},
            key=["user_id"],
            changing=["username"],
        )

    async def ids_of(self, usernames: Collection[str]) -> dict[str, UUID]:
        if not usernames:
            return {}
        columns = self._table.c
        rows = await self._db.execute(
            select(columns.username, columns.user_id).where(columns.username.in_(usernames))
        )
        return {row.username: row.user_id for row in rows}
