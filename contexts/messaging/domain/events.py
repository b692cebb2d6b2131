"""What happens in conversations, in messaging's own words; the application tells other contexts.

They name the change and no more: messaging tells other contexts the state after it, which the
application reads from the aggregate (docs/adr/0027-two-exceptions-in-messaging.md).
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from kernel.domain_event import DomainEvent


@dataclass(frozen=True, kw_only=True)
class ConversationCreated(DomainEvent):
    conversation_id: UUID
    occurred_at: datetime


@dataclass(frozen=True, kw_only=True)
class ConversationChanged(DomainEvent):
    """Its title, participants or closing changed: a group conversation following its group."""

    conversation_id: UUID
    joined: frozenset[UUID]
    left: frozenset[UUID]
    occurred_at: datetime


@dataclass(frozen=True, kw_only=True)
class ConversationRead(DomainEvent):
    conversation_id: UUID
    user_id: UUID
    seq: int
    occurred_at: datetime


@dataclass(frozen=True, kw_only=True)
class MessageEvent(DomainEvent):
    """Something that happened to one message."""

    message_id: UUID
    occurred_at: datetime


@dataclass(frozen=True, kw_only=True)
class MessageSent(MessageEvent):
    pass


@dataclass(frozen=True, kw_only=True)
class MessageEdited(MessageEvent):
    pass


@dataclass(frozen=True, kw_only=True)
class MessageDeleted(MessageEvent):
    pass


@dataclass(frozen=True, kw_only=True)
class MessagePinned(MessageEvent):
    pass


@dataclass(frozen=True, kw_only=True)
class MessageUnpinned(MessageEvent):
    """Unpinned by a participant, or as its message was deleted."""


@dataclass(frozen=True, kw_only=True)
class MessageReactionsChanged(MessageEvent):
    """`user_id` reacted to the message with `emoji` (`added`), or took that reaction back."""

    user_id: UUID
    emoji: str
    added: bool


@dataclass(frozen=True, kw_only=True)
class ThreadUpdated(MessageEvent):
    """The summary of the thread this message is the root of changed: a reply came or went."""
