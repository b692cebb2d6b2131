from enum import StrEnum


class ParticipantRole(StrEnum):
    """What a participant may do to the messages of others.

    Messaging's own words: it knows nothing of group ownership. Its anti-corruption layer
    decides which of a group's roles moderate the group's conversation.
    """

    PARTICIPANT = "participant"
    """Writes, and edits and deletes their own messages."""
    MODERATOR = "moderator"
    """Also deletes the messages of others."""
