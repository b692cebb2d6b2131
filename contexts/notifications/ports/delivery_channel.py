from typing import Protocol

from contexts.notifications.domain.notification import Notification
from kernel.unit_of_work import UnitOfWork


class DeliveryChannel(Protocol):
    """A way a new notification reaches its recipient: in the app, and one day e-mail or push.

    A channel acts inside the unit of work that stores the notification; one that reaches out of
    the process does so through the outbox (`uow.publish`), so a notification is delivered
    exactly when it is stored, and a rolled-back one never.
    """

    async def deliver(self, notification: Notification, uow: UnitOfWork) -> None: ...
