from collections.abc import Callable
from uuid import UUID

from contexts.groups.domain.who_can_add import WhoCanAdd
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork


class GetWhoCanAdd:
    """Whom the caller lets add them to groups; only they may ask."""

    def __init__(self, unit_of_work: Callable[[], GroupsUnitOfWork]) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, actor_id: UUID) -> WhoCanAdd:
        async with self._unit_of_work() as uow:
            choices = await uow.known_users.who_can_add([actor_id])
        return choices[actor_id]
