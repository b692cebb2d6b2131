from typing import Self

from contexts.messaging.adapters.outbound.sqlalchemy.conversation_repository import (
    SqlAlchemyConversationRepository,
)
from contexts.messaging.adapters.outbound.sqlalchemy.message_repository import SqlAlchemyMessageRepository
from contexts.messaging.adapters.outbound.sqlalchemy.read_marker_repository import (
    SqlAlchemyReadMarkerRepository,
)
from contexts.messaging.adapters.outbound.sqlalchemy.user_directory import SqlAlchemyUserDirectory
from infra.db.unit_of_work import SqlAlchemyUnitOfWork


class SqlAlchemyMessagingUnitOfWork(SqlAlchemyUnitOfWork):
    conversations: SqlAlchemyConversationRepository
    messages: SqlAlchemyMessageRepository
    read_markers: SqlAlchemyReadMarkerRepository
    users: SqlAlchemyUserDirectory

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.conversations = SqlAlchemyConversationRepository(self.session)
        self.messages = SqlAlchemyMessageRepository(self.session)
        self.read_markers = SqlAlchemyReadMarkerRepository(self.session)
        self.users = SqlAlchemyUserDirectory(self.session)
        return self
