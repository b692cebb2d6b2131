"""What happens to groups, in groups' own words; the application publishes them to other contexts.

Each event tells of one change and the group's version after it, so whoever handles it learns
what changed without being handed the whole group, and the version tells the changes of one group
apart and in order. Only the creation carries the whole group: it is the first thing anyone hears.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from contexts.groups.domain.membership import Membership
from contexts.groups.domain.role import Role
from contexts.groups.domain.snapshot import GroupSnapshot
from kernel.domain_event import DomainEvent


@dataclass(frozen=True, kw_only=True)
class GroupEvent(DomainEvent):
    group_id: UUID
    version: int
    """The group's version right after the change."""
    actor_id: UUID
    """Who made the change."""
    occurred_at: datetime


@dataclass(frozen=True, kw_only=True)
class GroupCreated(GroupEvent):
    group: GroupSnapshot


@dataclass(frozen=True, kw_only=True)
class GroupRenamed(GroupEvent):
    name: str


@dataclass(frozen=True, kw_only=True)
class MemberAdded(GroupEvent):
    member: Membership
    group_name: str
    """Whoever tells the new member of it names the group."""


@dataclass(frozen=True, kw_only=True)
class MemberRemoved(GroupEvent):
    """`user_id` left the group when it is the `actor_id`, else was removed by them."""

    user_id: UUID


@dataclass(frozen=True, kw_only=True)
class MemberRoleChanged(GroupEvent):
    """When `role` is owner, ownership was handed over: the former owner is an admin now."""

    user_id: UUID
    role: Role


@dataclass(frozen=True, kw_only=True)
class GroupDeleted(GroupEvent):
    pass
