from collections.abc import Collection
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.messaging.adapters.outbound.sqlalchemy.tables import known_users
from infra.db.upserts import upsert


class SqlAlchemyKnownUsers:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def record(self, user_id: UUID, username: str) -> None:
        await upsert(
            self._db,
            known_users,
            {"user_id": user_id, "username": username},
            key=["user_id"],
            changing=["username"],
        )

    async def contains(self, user_id: UUID) -> bool:
        found = select(known_users.c.user_id).where(known_users.c.user_id == user_id)
        return await self._db.scalar(found) is not None

    async def ids_of(self, usernames: Collection[str]) -> dict[str, UUID]:
        if not usernames:
            return {}
        rows = await self._db.execute(
            select(known_users.c.username, known_users.c.user_id).where(known_users.c.username.in_(usernames))
        )
        return {row.username: row.user_id for row in rows}
