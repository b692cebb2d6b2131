from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class Conversation:
    """Who takes part in a conversation, as messaging told it once: whom its messages may notify.

    Messaging's message events name their conversation, not who takes part (ADR 25), so
    notifications keeps each conversation as last told.
    """

    id: UUID
    participant_ids: frozenset[UUID]
    revision: int
    """When it was told: a later telling has a higher one, and an older one never replaces it."""
