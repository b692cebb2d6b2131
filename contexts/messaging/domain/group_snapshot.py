from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from contexts.messaging.domain.participant_role import ParticipantRole


@dataclass(frozen=True)
class GroupSnapshot:
    """A group as its conversation mirrors it, as of the group's `version`.

    Each news of a group arrives as a whole snapshot, so a conversation catches up from any one
    of them, and one with a lower version than the last applied is simply old news.
    """

    group_id: UUID
    version: int
    name: str
    participants: Mapping[UUID, ParticipantRole]
    deleted: bool
    created_at: datetime
