from collections.abc import Sequence

from contexts.notifications.application.audiences import Audiences
from contexts.notifications.application.mentioned_users import mentioned_users
from contexts.notifications.application.notify import notify
from contexts.notifications.domain import rules
from contexts.notifications.domain.message_sent_or_edited import MessageSentOrEdited
from contexts.notifications.ports.delivery_channel import DeliveryChannel
from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork


class HandleMessageEdited:
    """An event handler: notify whom an edit newly mentions, by name or as everyone, unless a later
    edit or the message's deletion was told first."""

    def __init__(self, channels: Sequence[DeliveryChannel]) -> None:
        self._channels = channels

    async def __call__(
        self, message: MessageSentOrEdited, audiences: Audiences, uow: NotificationsUnitOfWork
    ) -> None:
        if not await uow.message_revisions.advance(message.id, message.revision):
            return
        participants = audiences.of(message.conversation_id)
        mentioned = await mentioned_users(uow, message.body)
        muted = await uow.preferences.muted_among(message.conversation_id, participants)
        await notify(uow, rules.of_edited_message(message, participants, mentioned, muted), self._channels)
