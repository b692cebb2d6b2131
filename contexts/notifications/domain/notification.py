"""A notification: something that happened which its recipient should hear of.

Its id is derived from what it is about, so the same news told twice (an event delivered
again, or an edit of a message that already notified) yields the same id, and storage keeps
the first: a message notifies each person at most once, and one addition to a group once.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Self
from uuid import UUID, uuid5

from contexts.notifications.domain.members_added import MembersAdded
from contexts.notifications.domain.message_sent_or_edited import MessageSentOrEdited
from contexts.notifications.domain.notification_kind import NotificationKind
from contexts.notifications.domain.preview import preview_of

_IDS = UUID("fa0f6039-558a-4570-b22f-84ffcf797e05")
"""The namespace of notifications' derived ids; changing it would notify everything again."""


@dataclass(frozen=True, kw_only=True)
class Notification:
    id: UUID
    recipient_id: UUID
    kind: NotificationKind
    conversation_id: UUID
    message_id: UUID | None
    """None for ADDED_TO_GROUP."""
    actor_id: UUID
    """Who caused it: the message's sender, or who added the recipient to the group."""
    preview: str
    """The start of the message, or the group's name."""
    created_at: datetime
    read_at: datetime | None = None

    @classmethod
    def of_message(cls, recipient_id: UUID, kind: NotificationKind, message: MessageSentOrEdited) -> Self:
        return cls(
            id=uuid5(_IDS, f"{recipient_id}/message/{message.id}"),
            recipient_id=recipient_id,
            kind=kind,
            conversation_id=message.conversation_id,
            message_id=message.id,
            actor_id=message.sender_id,
            preview=preview_of(message.body, message.attachment_names),
            created_at=message.at,
        )

    @classmethod
    def of_addition(cls, recipient_id: UUID, added: MembersAdded) -> Self:
        return cls(
            id=uuid5(_IDS, f"{recipient_id}/group/{added.group_id}/{added.group_version}"),
            recipient_id=recipient_id,
            kind=NotificationKind.ADDED_TO_GROUP,
            conversation_id=added.group_id,
            message_id=None,
            actor_id=added.actor_id,
            preview=added.group_name,
            created_at=added.at,
        )

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
