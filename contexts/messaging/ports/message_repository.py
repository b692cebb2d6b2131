from typing import Protocol
from uuid import UUID

from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.message import Message


class MessageRepository(Protocol):
    async def add(self, message: Message) -> None:
        """Store a new message.

        Storage refuses a second message with the same `seq`, or the same client message id from
        the same sender, in one conversation. Callers never meet that refusal, since they hold
        the conversation (`get_for_update`) while they add; it is the last line of defence.
        """
        ...

    async def save(self, message: Message) -> None:
        """Store the changes made to a message read from this repository."""
        ...

    async def get(self, conversation_id: UUID, message_id: UUID) -> Message | None:
        """Read a message of a conversation, without holding it."""
        ...

    async def get_for_update(self, conversation_id: UUID, message_id: UUID) -> Message | None:
        """Read a message of a conversation to change it; concurrent changes to it wait their turn."""
        ...

    async def after(self, conversation_id: UUID, seq: int, limit: int) -> list[Message]:
        """Up to `limit` messages of the conversation following `seq`, in `seq` order."""
        ...

    async def find_sent(
        self, conversation_id: UUID, sender_id: UUID, client_message_id: ClientMessageId
    ) -> Message | None:
        """The message `sender_id` already sent to the conversation under `client_message_id`, if any."""
        ...

    async def pinned_count(self, conversation_id: UUID) -> int:
        """How many of the conversation's messages are pinned."""
        ...
