from collections.abc import Callable
from uuid import UUID

from contexts.groups.application.group_changes import change_group
from contexts.groups.domain.group import Group
from contexts.groups.domain.role import Role
from contexts.groups.domain.snapshot import GroupSnapshot
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from kernel.clock import Clock


class ChangeMemberRole:
    def __init__(self, unit_of_work: Callable[[], GroupsUnitOfWork], clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, actor_id: UUID, *, group_id: UUID, user_id: UUID, role: str) -> GroupSnapshot:
        new_role = Role.parse(role)

        async def change_role(group: Group, uow: GroupsUnitOfWork) -> None:
            group.change_role(actor_id=actor_id, user_id=user_id, role=new_role, now=self._clock.now())

        return (await change_group(self._unit_of_work, group_id, change_role)).snapshot
