from typing import Protocol

from contexts.messaging.ports.conversation_repository import ConversationRepository
from contexts.messaging.ports.edit_history import EditHistory
from contexts.messaging.ports.known_users import KnownUsers
from contexts.messaging.ports.message_repository import MessageRepository
from contexts.messaging.ports.read_marker_repository import ReadMarkerRepository
from contexts.messaging.ports.upload_repository import UploadRepository
from kernel.unit_of_work import UnitOfWork


class MessagingUnitOfWork(UnitOfWork, Protocol):
    """One transaction over messaging's aggregates, its known users and its outbox."""

    @property
    def conversations(self) -> ConversationRepository: ...

    @property
    def messages(self) -> MessageRepository: ...

    @property
    def read_markers(self) -> ReadMarkerRepository: ...

    @property
    def known_users(self) -> KnownUsers: ...

    @property
    def edit_history(self) -> EditHistory: ...

    @property
    def uploads(self) -> UploadRepository: ...
