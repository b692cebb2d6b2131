"""The JSON of notifications' routes."""

from datetime import datetime
from typing import Self
from uuid import UUID

from pydantic import BaseModel, Field, StrictBool

from contexts.notifications.application.list_notifications import NotificationList as Listed
from contexts.notifications.domain.notification import Notification as Stored
from contexts.notifications.domain.notification_kind import NotificationKind
from contexts.notifications.domain.preview import PREVIEW_MAX_LENGTH


class Notification(BaseModel):
    id: UUID
    kind: NotificationKind = Field(
        description="`mention`: a message names the caller as `@username`; `mention_all`: a message in a"
        " group conversation of the caller's mentions everyone (`@all`); `reply`: a reply in a thread"
        " the caller follows (they sent its root or a reply in it); `direct_message`: a message"
        " to the caller in a direct conversation; `added_to_group`: someone else added the caller to a"
        " group."
    )
    conversation_id: UUID = Field(
        description="For `added_to_group`, the group's, which is its conversation's."
    )
    message_id: UUID | None = Field(description="Null for `added_to_group`.")
    actor_id: UUID = Field(description="Who caused it: the message's sender, or who added the caller.")
    preview: str = Field(
        description=f"The start of the message on one line, at most {PREVIEW_MAX_LENGTH} characters"
        " (ending in … when shortened), or for a message of files alone `📎` and their names; for"
        " `added_to_group`, the group's name."
    )
    created_at: datetime = Field(description="When the message was sent or edited, or the caller added.")
    read_at: datetime | None

    @classmethod
    def of(cls, notification: Stored) -> Self:
        return cls(
            id=notification.id,
            kind=notification.kind,
            conversation_id=notification.conversation_id,
            message_id=notification.message_id,
            actor_id=notification.actor_id,
            preview=notification.preview,
            created_at=notification.created_at,
            read_at=notification.read_at,
        )


class NotificationList(BaseModel):
    items: list[Notification] = Field(description="Newest first.")
    unread_count: int = Field(description="All the caller's unread notifications, listed or not.")

    @classmethod
    def of(cls, listed: Listed) -> Self:
        return cls(items=[Notification.of(item) for item in listed.items], unread_count=listed.unread_count)


class PreferenceChange(BaseModel):
    muted: StrictBool = Field(
        description="Muted, the conversation's messages notify the caller only when they mention them."
    )


class Preference(BaseModel):
    conversation_id: UUID
    muted: bool
