"""A message: what one participant said in a conversation, at its place (`seq`) in it."""

from datetime import datetime
from typing import Self
from uuid import UUID

from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.errors import MayNotDeleteError, MessageDeletedError, NotTheSenderError
from contexts.messaging.domain.events import MessageDeleted, MessageEdited, MessageSent
from contexts.messaging.domain.message_body import MessageBody
from kernel.aggregate import AggregateRoot
from kernel.ids import new_id


class Message(AggregateRoot):
    def __init__(
        self,
        id: UUID,
        conversation_id: UUID,
        seq: int,
        sender_id: UUID,
        client_message_id: ClientMessageId,
        body: MessageBody | None,
        created_at: datetime,
        edited_at: datetime | None,
    ) -> None:
        super().__init__(id)
        self.conversation_id = conversation_id
        self.seq = seq
        self.sender_id = sender_id
        self.client_message_id = client_message_id
        self.body = body
        """None once deleted: the text is erased, not hidden."""
        self.created_at = created_at
        self.edited_at = edited_at

    @classmethod
    def send(
        cls,
        conversation_id: UUID,
        *,
        seq: int,
        sender_id: UUID,
        client_message_id: ClientMessageId,
        body: MessageBody,
        now: datetime,
    ) -> Self:
        """A new message; only its conversation, which hands out the `seq`, calls this."""
        message = cls(new_id(), conversation_id, seq, sender_id, client_message_id, body, now, None)
        message.record(MessageSent(message_id=message.id, occurred_at=now))
        return message

    @property
    def deleted(self) -> bool:
        """A deleted message stays as a tombstone, so its `seq` leaves no gap in the conversation."""
        return self.body is None

    def edit(self, editor_id: UUID, body: MessageBody, now: datetime) -> None:
        if editor_id != self.sender_id:
            raise NotTheSenderError()
        if self.body is None:
            raise MessageDeletedError()
        if body == self.body:
            return
        self.body = body
        self.edited_at = now
        self.record(MessageEdited(message_id=self.id, occurred_at=now))

    def delete(self, deleter_id: UUID, *, moderator: bool, now: datetime) -> None:
        """Deleting a deleted message again changes nothing, so a retried request is harmless."""
        if deleter_id != self.sender_id and not moderator:
            raise MayNotDeleteError()
        if self.body is None:
            return
        self.body = None
        self.record(MessageDeleted(message_id=self.id, occurred_at=now))
