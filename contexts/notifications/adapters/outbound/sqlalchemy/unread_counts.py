from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.notifications.adapters.outbound.sqlalchemy.tables import unread_counts
from infra.db.upserts import insert_if_missing


class SqlAlchemyUnreadCounts:
    """One row per user, changed by an increment in the database, never by writing back a count
    read before: two transactions changing one count both count (on PostgreSQL the second waits
    for the first's row lock and adds to what it left)."""

    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def add(self, user_id: UUID, change: int) -> None:
        await insert_if_missing(self._db, unread_counts, {"user_id": user_id, "unread": 0})
        await self._db.execute(
            update(unread_counts)
            .where(unread_counts.c.user_id == user_id)
            .values(unread=unread_counts.c.unread + change)
        )

    async def of(self, user_id: UUID) -> int:
        unread = await self._db.scalar(
            select(unread_counts.c.unread).where(unread_counts.c.user_id == user_id)
        )
        return unread or 0
