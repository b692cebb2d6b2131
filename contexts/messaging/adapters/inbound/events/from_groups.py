"""Groups' events, translated into messaging's language: a group's creation becomes a
`GroupSnapshot`, any other change a `GroupChange`.

Groups speaks of owners, admins and members; messaging of participants and moderators. This is
the one place that knows how the two relate, so either side's words can change without the
other noticing. Ownership handed over makes the former owner an admin, a moderator still, so a
role change concerns only the member it names.
"""

from datetime import datetime
from uuid import UUID

from contexts.groups.contracts import events as groups
from contexts.messaging.application.follow_group import FollowGroup
from contexts.messaging.domain.group_change import GroupChange
from contexts.messaging.domain.group_snapshot import GroupSnapshot
from contexts.messaging.domain.participant_role import ParticipantRole
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.integration_event import IntegrationEvent

EVENT_TYPES = tuple(groups.PAYLOADS)

_MODERATING_ROLES = frozenset({"owner", "admin"})
"""The group's roles that may delete others' messages in its conversation; any other role, even
one groups adds later, only participates."""


class GroupEvents:
    """Consumes groups' events through `infra.outbox.inbox.idempotent`, which commits."""

    def __init__(self, follow_group: FollowGroup) -> None:
        self._follow_group = follow_group

    async def __call__(self, event: IntegrationEvent, uow: MessagingUnitOfWork) -> None:
        whole = groups.whole_group(event)
        if whole is not None:
            await self._follow_group(_snapshot(whole, deleted=event.type == groups.GroupDeleted.TYPE), uow)
        else:
            await self._follow_group(_change(groups.change(event)), uow)


def _snapshot(group: groups.GroupCreated, *, deleted: bool) -> GroupSnapshot:
    return GroupSnapshot(
        group_id=UUID(group.group_id),
        version=group.version,
        name=group.name,
        participants={UUID(member["user_id"]): _role(member["role"]) for member in group.members},
        deleted=deleted,
        created_at=datetime.fromisoformat(group.created_at),
    )


def _change(change: groups.GroupEventPayload) -> GroupChange:
    group_id, version = UUID(change.group_id), change.version
    match change:
        case groups.GroupRenamed():
            return GroupChange(group_id, version, title=change.name)
        case groups.MemberAdded() | groups.MemberRoleChanged():
            return GroupChange(group_id, version, joined={UUID(change.user_id): _role(change.role)})
        case groups.MemberRemoved():
            return GroupChange(group_id, version, left=frozenset({UUID(change.user_id)}))
        case groups.GroupDeleted():
            return GroupChange(group_id, version, closed=True)
    raise TypeError(f"{type(change).__name__} is a whole group, not a change")


def _role(role: str) -> ParticipantRole:
    return ParticipantRole.MODERATOR if role in _MODERATING_ROLES else ParticipantRole.PARTICIPANT
