from collections.abc import Callable
from uuid import UUID

from contexts.identity.application.user_view import UserView
from contexts.identity.ports.unit_of_work import IdentityUnitOfWork
from kernel.errors import NotFoundError


class GetUser:
    def __init__(self, unit_of_work: Callable[[], IdentityUnitOfWork]) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, user_id: UUID) -> UserView:
        async with self._unit_of_work() as uow:
            user = await uow.users.get(user_id)
        if user is None:
            raise NotFoundError("no such user")
        return UserView.of(user)
