from collections.abc import Callable
from uuid import UUID

from contexts.groups.domain.who_can_add import WhoCanAdd
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork


class ChooseWhoCanAdd:
    """Let everyone, or only the caller's contacts, add the caller to groups from now on.

    Groups the caller is in already stay as they are: the choice is about additions to come.
    """

    def __init__(self, unit_of_work: Callable[[], GroupsUnitOfWork]) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, actor_id: UUID, who_can_add_me: str) -> WhoCanAdd:
        choice = WhoCanAdd.parse(who_can_add_me)
        async with self._unit_of_work() as uow:
            await uow.known_users.choose_who_can_add(actor_id, choice)
            await uow.commit()
        return choice
