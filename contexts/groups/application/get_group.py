from collections.abc import Callable
from uuid import UUID

from contexts.groups.domain.errors import GroupNotFoundError
from contexts.groups.domain.snapshot import GroupSnapshot
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork


class GetGroup:
    def __init__(self, unit_of_work: Callable[[], GroupsUnitOfWork]) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, actor_id: UUID, group_id: UUID) -> GroupSnapshot:
        async with self._unit_of_work() as uow:
            group = await uow.groups.get(group_id)
        if group is None or not group.is_member(actor_id):
            raise GroupNotFoundError()
        return group.snapshot
