"""Groups' events, translated into notifications' language: who was made a member, and by whom.

A group's creator adds the members it is created with, so its creation is an addition too. Both
events name the group, so notifications keeps no copy of groups; its inbox, and the notification
ids derived from the group's version, make a redelivered addition change nothing.
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
    """Consumes groups' events through `infra.outbox.inbox.idempotent`, which commits.

    An addition from before version 2 of groups' events names the group as well (it carried the
    whole group), so both shapes read alike.
    """

    def __init__(self, members_added: HandleMembersAdded) -> None:
        self._members_added = members_added

    async def __call__(self, event: IntegrationEvent, uow: NotificationsUnitOfWork) -> None:
        if event.type == groups.GroupCreated.TYPE:
            created = groups.GroupCreated.from_event(event)
            user_ids = [member["user_id"] for member in created.members]
            await self._members_added(_added(created, created.name, user_ids, event.time), uow)
        else:
            added = groups.MemberAdded.from_event(event)
            await self._members_added(_added(added, added.name, [added.user_id], event.time), uow)


def _added(change: groups.PublishedGroupChange, name: str, user_ids: list[str], at: datetime) -> MembersAdded:
    return MembersAdded(
        group_id=UUID(change.group_id),
        group_name=name,
        group_version=change.version,
        actor_id=UUID(change.actor_id),
        user_ids=frozenset(map(UUID, user_ids)),
        at=at,
    )
