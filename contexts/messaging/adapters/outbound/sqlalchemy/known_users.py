from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.messaging.adapters.outbound.sqlalchemy.tables import known_users
from infra.db.upserts import insert_if_missing


class SqlAlchemyKnownUsers:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def add(self, user_id: UUID) -> None:
        await insert_if_missing(self._db, known_users, {"user_id": user_id})

    async def contains(self, user_id: UUID) -> bool:
        found = select(known_users.c.user_id).where(known_users.c.user_id == user_id)
        return await self._db.scalar(found) is not None
