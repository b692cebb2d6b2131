from sqlalchemy.ext.asyncio import AsyncSession

from contexts.notifications.adapters.outbound.sqlalchemy.tables import known_users
from infra.db.known_usernames import KnownUsernames


class SqlAlchemyKnownUsers(KnownUsernames):
    def __init__(self, db: AsyncSession) -> None:
        super().__init__(db, known_users)
