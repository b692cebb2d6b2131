from typing import Self

from contexts.groups.adapters.outbound.sqlalchemy.group_repository import SqlAlchemyGroupRepository
from contexts.groups.adapters.outbound.sqlalchemy.known_users import SqlAlchemyKnownUsers
from infra.db.unit_of_work import SqlAlchemyUnitOfWork


class SqlAlchemyGroupsUnitOfWork(SqlAlchemyUnitOfWork):
    groups: SqlAlchemyGroupRepository
    known_users: SqlAlchemyKnownUsers

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.groups = SqlAlchemyGroupRepository(self.session)
        self.known_users = SqlAlchemyKnownUsers(self.session)
        return self
