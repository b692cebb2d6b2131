from typing import Self

from contexts.messaging.adapters.outbound.sqlalchemy.conversation_repository import (
    SqlAlchemyConversationRepository,
)
from contexts.messaging.adapters.outbound.sqlalchemy.edit_history import SqlAlchemyEditHistory
from contexts.messaging.adapters.outbound.sqlalchemy.known_users import SqlAlchemyKnownUsers
from contexts.messaging.adapters.outbound.sqlalchemy.message_repository import SqlAlchemyMessageRepository
from contexts.messaging.adapters.outbound.sqlalchemy.read_marker_repository import (
    SqlAlchemyReadMarkerRepository,
)
from contexts.messaging.adapters.outbound.sqlalchemy.upload_repository import SqlAlchemyUploadRepository
from infra.db.unit_of_work import SqlAlchemyUnitOfWork


class SqlAlchemyMessagingUnitOfWork(SqlAlchemyUnitOfWork):
    conversations: SqlAlchemyConversationRepository
    messages: SqlAlchemyMessageRepository
    read_markers: SqlAlchemyReadMarkerRepository
    known_users: SqlAlchemyKnownUsers
    edit_history: SqlAlchemyEditHistory
    uploads: SqlAlchemyUploadRepository

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.conversations = SqlAlchemyConversationRepository(self.session)
        self.messages = SqlAlchemyMessageRepository(self.session)
        self.read_markers = SqlAlchemyReadMarkerRepository(self.session)
        self.known_users = SqlAlchemyKnownUsers(self.session)
        self.edit_history = SqlAlchemyEditHistory(self.session)
        self.uploads = SqlAlchemyUploadRepository(self.session)
        return self
