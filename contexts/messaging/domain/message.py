"""A message: what one participant said in a conversation, at its place (`seq`) in it."""

from datetime import datetime
from typing import Self
from uuid import UUID

from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.emoji import Emoji
from contexts.messaging.domain.errors import MayNotDeleteError, MessageDeletedError, NotTheSenderError
from contexts.messaging.domain.events import (
    MessageDeleted,
    MessageEdited,
    MessageReactionsChanged,
    MessageSent,
)
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.domain.reactions import NO_REACTIONS, Reactions
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
        reactions: Reactions = NO_REACTIONS,
        reactions_revision: int = 0,
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
        self.reactions = reactions
        self.reactions_revision = reactions_revision
        """How many times its reactions changed: it orders the tellings of its reactions, and places
        each emoji by its first use."""

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
        self.reactions = NO_REACTIONS
        self.record(MessageDeleted(message_id=self.id, occurred_at=now))

    def react(self, user_id: UUID, emoji: Emoji, now: datetime) -> None:
        """Reacting again with the same emoji changes and announces nothing, so a retry is harmless."""
        if self.body is None:
            raise MessageDeletedError()
        self._change_reactions(
            self.reactions.adding(emoji, user_id, position=self.reactions_revision + 1),
            MessageReactionsChanged(
                message_id=self.id, user_id=user_id, emoji=emoji.value, added=True, occurred_at=now
            ),
        )

    def take_back(self, user_id: UUID, emoji: Emoji, now: datetime) -> None:
        """Taking back a reaction never made (or gone with the deleted message) changes nothing."""
        self._change_reactions(
            self.reactions.removing(emoji, user_id),
            MessageReactionsChanged(
                message_id=self.id, user_id=user_id, emoji=emoji.value, added=False, occurred_at=now
            ),
        )

    def _change_reactions(self, reactions: Reactions, change: MessageReactionsChanged) -> None:
        if reactions == self.reactions:
            return
        self.reactions = reactions
        self.reactions_revision += 1
        self.record(change)
