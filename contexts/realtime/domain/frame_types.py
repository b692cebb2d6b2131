"""The `type` of each frame realtime pushes, as docs/api/realtime.md lists them."""

from enum import StrEnum


class FrameType(StrEnum):
    MESSAGE_CREATED = "message.created"
    MESSAGE_EDITED = "message.edited"
    MESSAGE_DELETED = "message.deleted"
    CONVERSATION_CREATED = "conversation.created"
    CONVERSATION_READ = "conversation.read"
    TYPING = "typing"
    PRESENCE = "presence"
    GROUP_UPDATED = "group.updated"
    NOTIFICATION_CREATED = "notification.created"
