from collections.abc import Sequence

from contexts.notifications.application.notify import notify
from contexts.notifications.domain import rules
from contexts.notifications.domain.members_added import MembersAdded
from contexts.notifications.ports.delivery_channel import DeliveryChannel
from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork


class HandleMembersAdded:
    """An event handler: tell users someone else added them to a group."""

    def __init__(self, channels: Sequence[DeliveryChannel]) -> None:
        self._channels = channels

    async def __call__(self, added: MembersAdded, uow: NotificationsUnitOfWork) -> None:
        await notify(uow, rules.of_members_added(added), self._channels)
