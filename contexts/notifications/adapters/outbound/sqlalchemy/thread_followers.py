from collections.abc import Collection
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.notifications.adapters.outbound.sqlalchemy.tables import thread_followers
from infra.db.upserts import insert_if_missing


class SqlAlchemyThreadFollowers:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def follow(self, root_id: UUID, user_ids: Collection[UUID]) -> None:
        await insert_if_missing(
            self._db,
            thread_followers,
            *({"root_id": root_id, "user_id": user_id} for user_id in sorted(user_ids)),
        )

    async def of(self, root_id: UUID) -> frozenset[UUID]:
        rows = await self._db.scalars(
            select(thread_followers.c.user_id).where(thread_followers.c.root_id == root_id)
        )
        return frozenset(rows)
