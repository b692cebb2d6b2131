"""A message: what one participant said in a conversation, at its place (`seq`) in it."""

from collections.abc import Sequence
from datetime import datetime
from typing import Self
from uuid import UUID

from contexts.messaging.domain.attachment import ATTACHMENTS_PER_MESSAGE, Attachment
from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.earlier_body import EarlierBody
from contexts.messaging.domain.emoji import Emoji
from contexts.messaging.domain.errors import (
    MayNotDeleteError,
    MessageDeletedError,
    NotTheSenderError,
    TooManyPinsError,
    UploadNotAttachableError,
)
from contexts.messaging.domain.events import (
    MessageDeleted,
    MessageEdited,
    MessagePinned,
    MessageReactionsChanged,
    MessageSent,
    MessageUnpinned,
    ThreadUpdated,
)
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.domain.pin import PINS_PER_CONVERSATION, Pin
from contexts.messaging.domain.reactions import NO_REACTIONS, Reactions
from contexts.messaging.domain.thread_summary import NO_REPLIES, ThreadSummary
from contexts.messaging.domain.upload import Upload
from kernel.aggregate import AggregateRoot
from kernel.errors import InvalidValueError
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
        pin: Pin | None = None,
        *,
        reactions: Reactions = NO_REACTIONS,
        reactions_revision: int = 0,
        reply_to: UUID | None = None,
        thread_root_id: UUID | None = None,
        thread: ThreadSummary = NO_REPLIES,
        attachments: tuple[Attachment, ...] = (),
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
        self.pin = pin
        """Who pinned the message and when; None while it is not pinned (a deleted message never is)."""
        self.reactions = reactions
        self.reactions_revision = reactions_revision
        """How many times its reactions changed: it orders the tellings of its reactions, and places
        each emoji by its first use."""
        self.reply_to = reply_to
        """The message this one answers, as its sender chose it; None for a message that is not a reply."""
        self.thread_root_id = thread_root_id
        """The root of the thread this reply is in: `reply_to`, or that message's own root."""
        self.thread = thread
        """Its replies, when it is a thread's root; a reply has none (replying to it joins its root)."""
        self.attachments = attachments
        """The files posted with it, in the order its sender gave them; none once it is deleted."""

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
        reply_to: UUID | None = None,
        thread_root_id: UUID | None = None,
        uploads: Sequence[Upload] = (),
    ) -> Self:
        """A new message; only its conversation, which hands out the `seq`, calls this.

        It posts `uploads`, the sender's files held for the change, which are then attached to it:
        a message says something, in its body or in files or both.
        """
        _ensure_says_something(body, with_files=bool(uploads))
        if len(uploads) > ATTACHMENTS_PER_MESSAGE:
            raise InvalidValueError("attachment_ids", f"at most {ATTACHMENTS_PER_MESSAGE} files to a message")
        message = cls(
            new_id(),
            conversation_id,
            seq,
            sender_id,
            client_message_id,
            body,
            now,
            None,
            reply_to=reply_to,
            thread_root_id=thread_root_id,
        )
        for upload in uploads:
            message._attach(upload)
        message.record(MessageSent(message_id=message.id, occurred_at=now))
        return message

    def _attach(self, upload: Upload) -> None:
        """A file is posted once: named twice in one send, it is attached already the second time."""
        if any(attached.id == upload.id for attached in self.attachments):
            raise UploadNotAttachableError(upload.id)
        self.attachments += (upload.attach_to(self.id, self.conversation_id, by=self.sender_id),)

    @property
    def deleted(self) -> bool:
        """A deleted message stays as a tombstone, so its `seq` leaves no gap in the conversation."""
        return self.body is None

    @property
    def root_of_its_thread(self) -> UUID:
        """The message a reply to this one attaches to: its root if it is a reply, else itself."""
        return self.thread_root_id or self.id

    def add_reply(self, reply: "Message") -> None:
        """`reply` joined the thread this message is the root of."""
        self.thread = self.thread.with_reply(reply.sender_id, reply.created_at)
        self.record(ThreadUpdated(message_id=self.id, occurred_at=reply.created_at))

    def remove_reply(self, now: datetime) -> None:
        """A reply of the thread this message is the root of was deleted."""
        self.thread = self.thread.without_reply()
        self.record(ThreadUpdated(message_id=self.id, occurred_at=now))

    def edit(self, editor_id: UUID, body: MessageBody, now: datetime) -> EarlierBody | None:
        """The body the edit replaced, for the message's edit history; None if the body is the same."""
        if editor_id != self.sender_id:
            raise NotTheSenderError()
        if self.body is None:
            raise MessageDeletedError()
        _ensure_says_something(body, with_files=bool(self.attachments))
        if body == self.body:
            return None
        replaced = EarlierBody(self.body, written_at=self.edited_at or self.created_at, replaced_at=now)
        self.body = body
        self.edited_at = now
        self.record(MessageEdited(message_id=self.id, occurred_at=now))
        return replaced

    def delete(self, deleter_id: UUID, *, moderator: bool, now: datetime) -> None:
        """Deleting a deleted message again changes nothing, so a retried request is harmless."""
        if deleter_id != self.sender_id and not moderator:
            raise MayNotDeleteError()
        if self.body is None:
            return
        self.body = None
        self.reactions = NO_REACTIONS
        self.attachments = ()
        self.record(MessageDeleted(message_id=self.id, occurred_at=now))
        self.unpin(now)

    def pin_by(self, pinner_id: UUID, *, pins_in_conversation: int, now: datetime) -> None:
        """Pinning a pinned message again changes nothing, and keeps who pinned it first and when.

        `pins_in_conversation` is how many of its conversation's messages are pinned, counted
        while the conversation is held (see `Conversation.pin`).
        """
        if self.body is None:
            raise MessageDeletedError()
        if self.pin is not None:
            return
        if pins_in_conversation >= PINS_PER_CONVERSATION:
            raise TooManyPinsError()
        self.pin = Pin(pinner_id, now)
        self.record(MessagePinned(message_id=self.id, occurred_at=now))

    def unpin(self, now: datetime) -> None:
        """Unpinning a message that is not pinned changes nothing."""
        if self.pin is None:
            return
        self.pin = None
        self.record(MessageUnpinned(message_id=self.id, occurred_at=now))

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


def _ensure_says_something(body: MessageBody, *, with_files: bool) -> None:
    if body.says_nothing and not with_files:
        raise InvalidValueError("body", "must not be empty when no file is attached")
