"""The in-app channel: a new notification is announced as `notifications.notification_created`,
which realtime pushes to its recipient's open sockets as `notification.created`; a recipient
who is away finds it in `GET /api/v1/notifications`."""

from contexts.notifications.contracts.events import NotificationCreated, PublishedNotification
from contexts.notifications.domain.notification import Notification
from kernel.rfc3339 import rfc3339
from kernel.unit_of_work import UnitOfWork


class InAppChannel:
    async def deliver(self, notification: Notification, uow: UnitOfWork) -> None:
        created = NotificationCreated(
            recipient_id=str(notification.recipient_id), notification=_published(notification)
        )
        uow.publish(created.to_event(subject=str(notification.recipient_id), time=notification.created_at))


def _published(notification: Notification) -> PublishedNotification:
    """The notification as the public API shows it."""
    return PublishedNotification(
        id=str(notification.id),
        kind=notification.kind.value,
        conversation_id=str(notification.conversation_id),
        message_id=None if notification.message_id is None else str(notification.message_id),
        actor_id=str(notification.actor_id),
        preview=notification.preview,
        created_at=rfc3339(notification.created_at),
        read_at=None if notification.read_at is None else rfc3339(notification.read_at),
    )
