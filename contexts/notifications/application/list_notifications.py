from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from contexts.notifications.domain.notification import Notification
from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork


@dataclass(frozen=True)
class NotificationList:
    items: list[Notification]
    """Newest first."""
    unread_count: int
    """All the recipient's unread notifications, whether listed or not."""


class ListNotifications:
    def __init__(self, unit_of_work: Callable[[], NotificationsUnitOfWork]) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, recipient_id: UUID, *, unread_only: bool, limit: int) -> NotificationList:
        async with self._unit_of_work() as uow:
            items = await uow.notifications.newest(recipient_id, unread_only=unread_only, limit=limit)
            return NotificationList(items, await uow.unread_counts.of(recipient_id))
