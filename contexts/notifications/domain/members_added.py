from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class MembersAdded:
    """Someone made users members of a group: by adding one, or by creating the group with them."""

    group_id: UUID
    """Also the id of the group's conversation."""
    group_name: str
    group_version: int
    """The group's version after the change; it tells one addition of a user from a later one."""
    actor_id: UUID
    """Who added them: the group's creator, or the owner or admin who added a member."""
    user_ids: frozenset[UUID]
    """Who joined; when the group was created, every member, its creator too."""
    at: datetime
