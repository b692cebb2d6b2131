from typing import Self

from contexts.identity.adapters.outbound.sqlalchemy.session_repository import SqlAlchemySessionRepository
from contexts.identity.adapters.outbound.sqlalchemy.user_repository import SqlAlchemyUserRepository
from infra.db.unit_of_work import SqlAlchemyUnitOfWork


class SqlAlchemyIdentityUnitOfWork(SqlAlchemyUnitOfWork):
    users: SqlAlchemyUserRepository
    sessions: SqlAlchemySessionRepository

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.users = SqlAlchemyUserRepository(self.session)
        self.sessions = SqlAlchemySessionRepository(self.session)
        return self
