from collections.abc import Callable
from uuid import UUID

from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork


class SetPreference:
    def __init__(self, unit_of_work: Callable[[], NotificationsUnitOfWork]) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, user_id: UUID, conversation_id: UUID, *, muted: bool) -> None:
        """Mute or unmute a conversation for the user: muted, its messages notify them only when
        they mention them. Any id is taken, whether the conversation exists or not."""
        async with self._unit_of_work() as uow:
            await uow.preferences.set_muted(user_id, conversation_id, muted=muted)
            await uow.commit()
