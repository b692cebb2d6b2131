from typing import Protocol
from uuid import UUID

from contexts.messaging.domain.conversation import Conversation
from kernel.concurrency import ConcurrentChangeError


class ConversationAlreadyExistsError(ConcurrentChangeError):
    """Another transaction stored a conversation with this id after this one looked; nothing was stored.

    Two people opening their direct conversation at the same moment meet here: the one who
    loses looks again and finds the other's.
    """

    def __init__(self) -> None:
        super().__init__("the conversation was created by another request; try again")


class ConversationRepository(Protocol):
    async def add(self, conversation: Conversation) -> None:
        """Raises ConversationAlreadyExistsError if its id is taken, even by a concurrent transaction."""
        ...

    async def save(self, conversation: Conversation) -> None:
        """Store the changes made to a conversation read from this repository."""
        ...

    async def get(self, conversation_id: UUID) -> Conversation | None: ...

    async def ids(self) -> list[UUID]:
        """The id of every conversation, for rebuilding the read models."""
        ...

    async def get_for_update(self, conversation_id: UUID) -> Conversation | None:
        """Read a conversation to change it: other transactions that do the same wait until this one ends.

        This is what numbers messages without gaps or duplicates under concurrent senders: each
        sender reads the latest `seq` only after the previous sender has stored theirs.
        """
        ...
