from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.messaging.adapters.outbound.sqlalchemy.tables import known_users
from infra.db.known_usernames import KnownUsernames


class SqlAlchemyKnownUsers(KnownUsernames):
    def __init__(self, db: AsyncSession) -> None:
        super().__init__(db, known_users)

    async def contains(self, user_id: UUID) -> bool:
        found = select(known_users.c.user_id).where(known_users.c.user_id == user_id)
        return await self._db.scalar(found) is not None
