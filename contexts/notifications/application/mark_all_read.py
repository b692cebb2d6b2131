from collections.abc import Callable
from uuid import UUID

from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork
from kernel.clock import Clock


class MarkAllRead:
    def __init__(self, unit_of_work: Callable[[], NotificationsUnitOfWork], clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, recipient_id: UUID) -> None:
        """Mark every unread notification of the recipient read.

        The count drops by as many as were marked rather than being set to 0: a notification
        stored meanwhile by another transaction, and not marked, stays counted.
        """
        async with self._unit_of_work() as uow:
            marked = await uow.notifications.mark_all_read(recipient_id, self._clock.now())
            if marked:
                await uow.unread_counts.add(recipient_id, -marked)
                await uow.commit()
