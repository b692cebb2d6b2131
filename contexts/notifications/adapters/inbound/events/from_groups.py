"""Groups' events, translated into notifications' language: who was made a member, and by whom.

A group's creator adds the members it is created with, so its creation is an addition too.
"""

from datetime import datetime
from uuid import UUID

from contexts.groups.contracts import events as groups
from contexts.notifications.application.handle_members_added import HandleMembersAdded
from contexts.notifications.domain.members_added import MembersAdded
from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork
from kernel.integration_event import IntegrationEvent

EVENT_TYPES = (groups.GroupCreated.TYPE, groups.MemberAdded.TYPE)


class GroupEvents:
    """Consumes groups' events through `infra.outbox.inbox.idempotent`, which commits."""

    def __init__(self, members_added: HandleMembersAdded) -> None:
        self._members_added = members_added

    async def __call__(self, event: IntegrationEvent, uow: NotificationsUnitOfWork) -> None:
        if event.type == groups.GroupCreated.TYPE:
            created = groups.GroupCreated.from_event(event)
            await self._members_added(
                _added(created, [member["user_id"] for member in created.members], event.time), uow
            )
        else:
            added = groups.MemberAdded.from_event(event)
            await self._members_added(_added(added, [added.user_id], event.time), uow)


def _added(group: groups.GroupChanged, user_ids: list[str], at: datetime) -> MembersAdded:
    return MembersAdded(
        group_id=UUID(group.group_id),
        group_name=group.name,
        group_version=group.version,
        actor_id=UUID(group.actor_id),
        user_ids=frozenset(map(UUID, user_ids)),
        at=at,
    )
