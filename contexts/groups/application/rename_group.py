from collections.abc import Callable
from uuid import UUID

from contexts.groups.application.group_changes import change_group
from contexts.groups.domain.group import Group
from contexts.groups.domain.group_name import GroupName
from contexts.groups.domain.snapshot import GroupSnapshot
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from kernel.clock import Clock


class RenameGroup:
    def __init__(self, unit_of_work: Callable[[], GroupsUnitOfWork], clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, actor_id: UUID, *, group_id: UUID, name: str) -> GroupSnapshot:
        group_name = GroupName.parse(name)

        async def rename(group: Group, uow: GroupsUnitOfWork) -> None:
            group.rename(actor_id, group_name, self._clock.now())

        return (await change_group(self._unit_of_work, group_id, rename)).snapshot
