"""What happens to groups, in groups' own words; the application publishes them to other contexts.

Each event carries the group as it is right after the change, version included, so whoever
handles it needs nothing else, and the version tells the changes of one group apart and in order.
"""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from contexts.groups.domain.role import Role
from contexts.groups.domain.snapshot import GroupSnapshot
from kernel.domain_event import DomainEvent


@dataclass(frozen=True, kw_only=True)
class GroupEvent(DomainEvent):
    group: GroupSnapshot
    """The group right after the change."""
    actor_id: UUID
    """Who made the change."""
    occurred_at: datetime


@dataclass(frozen=True, kw_only=True)
class GroupCreated(GroupEvent):
    pass


@dataclass(frozen=True, kw_only=True)
class GroupRenamed(GroupEvent):
    pass


@dataclass(frozen=True, kw_only=True)
class MemberAdded(GroupEvent):
    user_id: UUID
    role: Role


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
    """`group` holds the members the group had when it was deleted."""
