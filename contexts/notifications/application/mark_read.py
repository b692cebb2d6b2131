from collections.abc import Callable
from uuid import UUID

from contexts.notifications.domain.errors import NotificationNotFoundError
from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork
from kernel.clock import Clock


class MarkRead:
    def __init__(self, unit_of_work: Callable[[], NotificationsUnitOfWork], clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, recipient_id: UUID, notification_id: UUID) -> None:
        """Mark one of the recipient's notifications read; one read already stays as it was."""
        async with self._unit_of_work() as uow:
            if await uow.notifications.mark_read(recipient_id, notification_id, self._clock.now()):
                await uow.unread_counts.add(recipient_id, -1)
                await uow.commit()
            elif await uow.notifications.get(recipient_id, notification_id) is None:
                raise NotificationNotFoundError()
