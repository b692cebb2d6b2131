"""The `type` of each frame realtime pushes, as docs/api/realtime.md lists them, and one that
travels only between its instances."""

from enum import StrEnum


class FrameType(StrEnum):
    MESSAGE_CREATED = "message.created"
    MESSAGE_EDITED = "message.edited"
    MESSAGE_DELETED = "message.deleted"
    MESSAGE_PINNED = "message.pinned"
    MESSAGE_UNPINNED = "message.unpinned"
    MESSAGE_REACTIONS_CHANGED = "message.reactions_changed"
    CONVERSATION_CREATED = "conversation.created"
    CONVERSATION_READ = "conversation.read"
    THREAD_UPDATED = "thread.updated"
    TYPING = "typing"
    PRESENCE = "presence"
    GROUP_UPDATED = "group.updated"
    NOTIFICATION_CREATED = "notification.created"
    SESSION_ENDED = "session.ended"
    """Never pushed: told to a user's sockets, wherever they are, so that those of the session
    `data["session_id"]` close."""
