from enum import StrEnum


class ConversationKind(StrEnum):
    DIRECT = "direct"
    """Between two people; opened by either of them, and the only one between them."""
    GROUP = "group"
    """The conversation of a group: same id, its name as title, its members as participants."""
