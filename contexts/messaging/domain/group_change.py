from collections.abc import Mapping
from dataclasses import dataclass, field
from uuid import UUID

from contexts.messaging.domain.participant_role import ParticipantRole


@dataclass(frozen=True)
class GroupChange:
    """One change to a group, as its conversation mirrors it: what changed, and the group's `version`
    after it.

    Changes come one version at a time, so a conversation takes only the next one: it learns what
    changed without being told the whole group again, which keeps a change's cost independent of
    the group's size.
    """

    group_id: UUID
    version: int
    title: str | None = None
    """The group's new name, when it was renamed."""
    joined: Mapping[UUID, ParticipantRole] = field(default_factory=dict)
    """Who joined, or now takes part in another role."""
    left: frozenset[UUID] = frozenset()
    closed: bool = False
    """The group was deleted."""
