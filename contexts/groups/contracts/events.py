"""The integration events groups publishes: its published language.

Every event carries the group as it is after the change (`name`, `owner_id`, `members`) and
its `version`, which grows by one with each change. Consumers therefore never call back to
groups, and a consumer that keeps a copy of a group can ignore any event whose version is not
newer than the one it holds, so redelivered or reordered events cannot roll its copy back.
"""

from dataclasses import dataclass
from typing import TypedDict

from kernel.integration_event import EventPayload


class Member(TypedDict):
    user_id: str
    role: str
    """"owner", "admin" or "member"."""
    joined_at: str


@dataclass(frozen=True, kw_only=True)
class GroupChanged:
    """The fields every groups event shares (the group after the change, and who changed it)."""

    group_id: str
    version: int
    name: str
    owner_id: str
    members: list[Member]
    created_at: str
    actor_id: str


@dataclass(frozen=True, kw_only=True)
class GroupCreated(EventPayload, GroupChanged):
    TYPE = "groups.group_created"


@dataclass(frozen=True, kw_only=True)
class GroupRenamed(EventPayload, GroupChanged):
    TYPE = "groups.group_renamed"


@dataclass(frozen=True, kw_only=True)
class MemberAdded(EventPayload, GroupChanged):
    TYPE = "groups.member_added"
    user_id: str
    role: str


@dataclass(frozen=True, kw_only=True)
class MemberRemoved(EventPayload, GroupChanged):
    """`members` no longer holds the removed user; `user_id == actor_id` when they left."""

    TYPE = "groups.member_removed"
    user_id: str


@dataclass(frozen=True, kw_only=True)
class MemberRoleChanged(EventPayload, GroupChanged):
    TYPE = "groups.member_role_changed"
    user_id: str
    role: str


@dataclass(frozen=True, kw_only=True)
class GroupDeleted(EventPayload, GroupChanged):
    """`members` holds the members the group had when it was deleted."""

    TYPE = "groups.group_deleted"


GroupEventPayload = (
    GroupCreated | GroupRenamed | MemberAdded | MemberRemoved | MemberRoleChanged | GroupDeleted
)
"""Every event groups publishes; each carries the whole group after its change."""
