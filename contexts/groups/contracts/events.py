"""The integration events groups publishes: its published language.

Each event carries the change, not the group after it, so what a change costs to publish, carry
and apply does not grow with the group: adding the thousandth member tells of one member, not a
thousand. `version` numbers a group's changes 1, 2, 3, ...; the creation is 1 and carries the
whole group (its members are bounded by `GROUP_MEMBER_LIMIT`). A consumer that keeps a copy of a
group applies the change numbered one more than its copy (`kernel.versions.is_next`): a lower one
is a redelivery, a higher one means a change went missing. Consumers never call back to groups.

| event | carries, beside `group_id`, `version` and `actor_id` |
|---|---|
| `group_created` | the whole group: `name`, `owner_id`, `members`, `created_at` |
| `group_renamed` | the new `name` |
| `member_added` | the member (`user_id`, `role`, `joined_at`) and the group's `name` |
| `member_removed` | `user_id` |
| `member_role_changed` | `user_id` and the new `role` |
| `group_deleted` | nothing more: consumers already know who the members were |

`member_added` carries the group's name because the one who was added is told of it by name
(notifications); a name is bounded, and without it notifications would keep a copy of every
group for that one field.

Before version 2 of these events (the envelope's `version`), every event carried the whole group
after its change (`name`, `owner_id`, `members`, `created_at`). Such events stay in outboxes and
topics, and a consumer reads them with `whole_group`, as a group it may replace its copy with.
"""

import dataclasses
from dataclasses import dataclass
from typing import Self

from typing_extensions import TypedDict  # typing's, on Python 3.11, has no JSON Schema (chat context-map)

from kernel.integration_event import EventPayload, IntegrationEvent, by_type


class PublishedMember(TypedDict):
    user_id: str
    role: str
    """"owner", "admin" or "member"."""
    joined_at: str


@dataclass(frozen=True, kw_only=True)
class PublishedGroupChange(EventPayload):
    """The fields every groups event shares: which group, its version after the change, who made it."""

    DATA_VERSION = 2

    group_id: str
    version: int
    actor_id: str


@dataclass(frozen=True, kw_only=True)
class GroupCreated(PublishedGroupChange):
    """At version 1, or, read by `whole_group`, an event from before version 2."""

    TYPE = "groups.group_created"
    name: str
    owner_id: str
    members: list[PublishedMember]
    created_at: str


@dataclass(frozen=True, kw_only=True)
class GroupRenamed(PublishedGroupChange):
    TYPE = "groups.group_renamed"
    name: str


@dataclass(frozen=True, kw_only=True)
class MemberAdded(PublishedGroupChange):
    TYPE = "groups.member_added"
    user_id: str
    role: str
    joined_at: str
    name: str
    """The group's name, for telling the new member where they were added."""

    @classmethod
    def from_event(cls, event: IntegrationEvent) -> Self:
        """Also an addition of data version 1, which held the new member among the group's."""
        if event.data_version < PublishedGroupChange.DATA_VERSION:
            [joined_at] = [
                member["joined_at"]
                for member in event.data["members"]
                if member["user_id"] == event.data["user_id"]
            ]
            event = dataclasses.replace(event, data={**event.data, "joined_at": joined_at})
        return super().from_event(event)


@dataclass(frozen=True, kw_only=True)
class MemberRemoved(PublishedGroupChange):
    """`user_id == actor_id` when they left."""

    TYPE = "groups.member_removed"
    user_id: str


@dataclass(frozen=True, kw_only=True)
class MemberRoleChanged(PublishedGroupChange):
    """When `role` is "owner", ownership was handed over: the former owner is an admin now."""

    TYPE = "groups.member_role_changed"
    user_id: str
    role: str


@dataclass(frozen=True, kw_only=True)
class GroupDeleted(PublishedGroupChange):
    TYPE = "groups.group_deleted"


GroupEventPayload = (
    GroupCreated | GroupRenamed | MemberAdded | MemberRemoved | MemberRoleChanged | GroupDeleted
)
"""Every event groups publishes."""

PAYLOADS: dict[str, type[GroupEventPayload]] = by_type(
    GroupCreated, GroupRenamed, MemberAdded, MemberRemoved, MemberRoleChanged, GroupDeleted
)
"""Each payload by its event type."""


def whole_group(event: IntegrationEvent) -> GroupCreated | None:
    """The whole group the event tells of: a creation, or any event of data version 1, read as the
    group after its change (at the `version` it tells of); None for a change of data version 2 or
    later.

    A copy applies such a group only when it is newer than the copy, and may then replace the copy
    with it: every event of data version 1 held everything a copy holds.
    """
    if event.type != GroupCreated.TYPE and event.data_version >= PublishedGroupChange.DATA_VERSION:
        return None
    return GroupCreated.from_event(event)


def change(event: IntegrationEvent) -> GroupEventPayload:
    """The event's payload, as the change it tells of."""
    return PAYLOADS[event.type].from_event(event)
