"""The integration events notifications publishes: its published language.

Realtime pushes each new notification to its recipient's sockets as it is, so the event carries
the whole `Notification` as the public API shows it (see docs/api) and who it is for.
"""

from dataclasses import dataclass

from typing_extensions import TypedDict  # typing's, on Python 3.11, has no JSON Schema (chat context-map)

from kernel.integration_event import EventPayload


class PublishedNotification(TypedDict):
    id: str
    kind: str
    """"mention", "reply", "direct_message" or "added_to_group"."""
    conversation_id: str
    message_id: str | None
    """None for "added_to_group"."""
    actor_id: str
    """Who caused it: the sender, or who added the recipient to the group."""
    preview: str
    """The start of the message, or the group's name."""
    created_at: str
    """RFC 3339, UTC."""
    read_at: str | None


@dataclass(frozen=True, kw_only=True)
class NotificationCreated(EventPayload):
    """Its subject (ordering key) is the recipient's id."""

    TYPE = "notifications.notification_created"

    recipient_id: str
    notification: PublishedNotification
