from dataclasses import dataclass
from datetime import datetime
from typing import Self
from uuid import UUID

from contexts.messaging.domain.attachment import Attachment
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.reactions import Reactions
from contexts.messaging.domain.thread_summary import ThreadSummary


@dataclass(frozen=True)
class MessageView:
    id: UUID
    conversation_id: UUID
    seq: int
    sender_id: UUID
    client_message_id: str
    body: str
    """Empty for a deleted message."""
    created_at: datetime
    edited_at: datetime | None
    deleted: bool
    reactions: Reactions
    reply_to: UUID | None
    thread_root_id: UUID | None
    thread: ThreadSummary
    """Its replies', when it is a thread's root."""
    attachments: tuple[Attachment, ...]
    """None once deleted."""

    @classmethod
    def of(cls, message: Message) -> Self:
        return cls(
            id=message.id,
            conversation_id=message.conversation_id,
            seq=message.seq,
            sender_id=message.sender_id,
            client_message_id=message.client_message_id.value,
            body="" if message.body is None else message.body.value,
            created_at=message.created_at,
            edited_at=message.edited_at,
            deleted=message.deleted,
            reactions=message.reactions,
            reply_to=message.reply_to,
            thread_root_id=message.thread_root_id,
            thread=message.thread,
            attachments=message.attachments,
        )
