from enum import StrEnum


class NotificationKind(StrEnum):
    """What a notification tells its recipient; the public API shows the value as `kind`."""

    MENTION = "mention"
    """A message names them as `@username`."""
    DIRECT_MESSAGE = "direct_message"
    """Someone wrote to them in their direct conversation."""
    REPLY = "reply"
    """Someone else replied in a thread they follow: they sent its root or a reply in it."""
    ADDED_TO_GROUP = "added_to_group"
    """Someone else made them a member of a group."""
