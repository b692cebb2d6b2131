from collections.abc import Callable
from uuid import UUID

from contexts.groups.application.group_changes import change_group
from contexts.groups.domain.group import Group
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from kernel.clock import Clock


class RemoveMember:
    """Remove a member, or leave the group when the caller removes themselves."""

    def __init__(self, unit_of_work: Callable[[], GroupsUnitOfWork], clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, actor_id: UUID, *, group_id: UUID, user_id: UUID) -> None:
        async def remove(group: Group, uow: GroupsUnitOfWork) -> None:
            group.remove_member(actor_id=actor_id, user_id=user_id, now=self._clock.now())

        await change_group(self._unit_of_work, group_id, remove)
