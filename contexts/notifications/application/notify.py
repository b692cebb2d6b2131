from collections.abc import Sequence

from contexts.notifications.domain.notification import Notification
from contexts.notifications.ports.delivery_channel import DeliveryChannel
from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork


async def notify(
    uow: NotificationsUnitOfWork, notifications: Sequence[Notification], channels: Sequence[DeliveryChannel]
) -> None:
    """Store the notifications the rules decided on and deliver each through every channel; one
    stored before (the same news told again) is neither counted nor delivered again."""
    for notification in notifications:
        if not await uow.notifications.add(notification):
            continue
        await uow.unread_counts.add(notification.recipient_id, 1)
        for channel in channels:
            await channel.deliver(notification, uow)
