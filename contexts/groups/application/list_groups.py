from collections.abc import Callable
from uuid import UUID

from contexts.groups.domain.snapshot import GroupSnapshot
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork


class ListGroups:
    """The groups the caller belongs to, oldest first."""

    def __init__(self, unit_of_work: Callable[[], GroupsUnitOfWork]) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, actor_id: UUID) -> list[GroupSnapshot]:
        async with self._unit_of_work() as uow:
            groups = await uow.groups.of_member(actor_id)
        return [group.snapshot for group in groups]
