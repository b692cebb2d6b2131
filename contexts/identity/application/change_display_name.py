from collections.abc import Callable
from uuid import UUID

from contexts.identity.application.integration_events import publish_events
from contexts.identity.application.user_view import UserView
from contexts.identity.domain.display_name import DisplayName
from contexts.identity.ports.unit_of_work import IdentityUnitOfWork
from kernel.clock import Clock
from kernel.errors import NotFoundError


class ChangeDisplayName:
    def __init__(self, unit_of_work: Callable[[], IdentityUnitOfWork], clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, user_id: UUID, display_name: str) -> UserView:
        shown_name = DisplayName.parse(display_name)
        async with self._unit_of_work() as uow:
            user = await uow.users.get(user_id)
            if user is None:
                raise NotFoundError("no such user")
            user.change_display_name(shown_name, self._clock.now())
            await uow.users.save(user)
            publish_events(uow, user)
            await uow.commit()
        return UserView.of(user)
