"""Groups' events, translated into messaging's language: a group becomes a `GroupSnapshot`.

Groups speaks of owners, admins and members; messaging of participants and moderators. This is
the one place that knows how the two relate, so either side's words can change without the
other noticing. Every groups event carries the whole group after the change, so all six
translate the same way and messaging needs a single handler for them.
"""

from datetime import datetime
from typing import get_args
from uuid import UUID

from contexts.groups.contracts import events as groups
from contexts.messaging.application.follow_group import FollowGroup
from contexts.messaging.domain.group_snapshot import GroupSnapshot
from contexts.messaging.domain.participant_role import ParticipantRole
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.integration_event import IntegrationEvent

_PAYLOADS: dict[str, type[groups.GroupEventPayload]] = {
    payload.TYPE: payload for payload in get_args(groups.GroupEventPayload)
}

EVENT_TYPES = tuple(_PAYLOADS)

_MODERATING_ROLES = frozenset({"owner", "admin"})
"""The group's roles that may delete others' messages in its conversation; any other role, even
one groups adds later, only participates."""


class GroupEvents:
    """Consumes groups' events through `infra.outbox.inbox.idempotent`, which commits."""

    def __init__(self, follow_group: FollowGroup) -> None:
        self._follow_group = follow_group

    async def __call__(self, event: IntegrationEvent, uow: MessagingUnitOfWork) -> None:
        group = _PAYLOADS[event.type].from_event(event)
        await self._follow_group(
            GroupSnapshot(
                group_id=UUID(group.group_id),
                version=group.version,
                name=group.name,
                participants={
                    UUID(member["user_id"]): ParticipantRole.MODERATOR
                    if member["role"] in _MODERATING_ROLES
                    else ParticipantRole.PARTICIPANT
                    for member in group.members
                },
                deleted=event.type == groups.GroupDeleted.TYPE,
                created_at=datetime.fromisoformat(group.created_at),
            ),
            uow,
        )
