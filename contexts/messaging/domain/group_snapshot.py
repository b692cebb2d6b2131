from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from contexts.messaging.domain.participant_role import ParticipantRole


@dataclass(frozen=True)
class GroupSnapshot:
    """A group as its conversation mirrors it, as of the group's `version`.

    A group's creation tells of the whole group, and so did every news of a group before groups'
    events carried only their change (`GroupChange`): a conversation catches up from any snapshot,
    and one with a version no higher than the last applied is simply old news.
    """

    group_id: UUID
    version: int
    name: str
    participants: Mapping[UUID, ParticipantRole]
    deleted: bool
    created_at: datetime
