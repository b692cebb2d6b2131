"""Groups' events, translated into news of a group: its creation a whole `Group`, any other event
a `GroupChange`, which realtime applies to its copy to show the whole group in a `group.updated`
frame. The members are told, and so is a member just removed: their client must learn they are out.
"""

from collections.abc import Callable, Mapping
from uuid import UUID

from contexts.groups.contracts import events as groups
from contexts.realtime.application.delivery import Change, GroupTold
from contexts.realtime.domain.group import Group, GroupChange, Member
from kernel.integration_event import IntegrationEvent


def _group_told(event: IntegrationEvent) -> Change:
    whole = groups.whole_group(event)
    if whole is not None:
        # A removal from before version 2 no longer listed the member it removed.
        removed = groups.MemberRemoved.from_event(event) if event.type == groups.MemberRemoved.TYPE else None
        return GroupTold(_group(whole), also_told=frozenset() if removed is None else {UUID(removed.user_id)})
    change = _change(groups.change(event))
    return GroupTold(change, also_told=frozenset() if change.left is None else {change.left})


GROUPS_CHANGES: Mapping[str, Callable[[IntegrationEvent], Change]] = dict.fromkeys(
    groups.PAYLOADS, _group_told
)
"""What each of groups' event types means to realtime."""


def _group(group: groups.GroupCreated) -> Group:
    return Group(
        UUID(group.group_id),
        group.version,
        group.name,
        group.created_at,
        tuple(Member(UUID(m["user_id"]), m["role"], m["joined_at"]) for m in group.members),
    )


def _change(change: groups.GroupEventPayload) -> GroupChange:
    group_id, version = UUID(change.group_id), change.version
    match change:
        case groups.GroupRenamed():
            return GroupChange(group_id, version, name=change.name)
        case groups.MemberAdded():
            return GroupChange(
                group_id, version, joined=Member(UUID(change.user_id), change.role, change.joined_at)
            )
        case groups.MemberRemoved():
            return GroupChange(group_id, version, left=UUID(change.user_id))
        case groups.MemberRoleChanged():
            return GroupChange(group_id, version, role_changed=(UUID(change.user_id), change.role))
        case groups.GroupDeleted():
            return GroupChange(group_id, version)
    raise TypeError(f"{type(change).__name__} is a whole group, not a change")
