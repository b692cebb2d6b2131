from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class ReadMarker:
    """How far one participant has read one conversation: every message up to `seq` (0: none yet)."""

    conversation_id: UUID
    user_id: UUID
    seq: int = 0
