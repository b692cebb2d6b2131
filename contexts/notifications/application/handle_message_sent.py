from collections.abc import Sequence
from uuid import UUID

from contexts.notifications.application.audiences import Audiences
from contexts.notifications.application.mentioned_users import mentioned_users
from contexts.notifications.application.notify import notify
from contexts.notifications.domain import rules
from contexts.notifications.domain.message_sent_or_edited import MessageSentOrEdited
from contexts.notifications.ports.delivery_channel import DeliveryChannel
from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork


class HandleMessageSent:
    """An event handler: notify whom a new message mentions, writes to or replies to, unless it
    was edited or deleted since (the event came again, late); a reply's sender follows its thread
    from then on."""

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
        followers: frozenset[UUID] = frozenset()
        if thread := message.thread:
            followers = await uow.thread_followers.of(thread.root_id) | {thread.root_sender_id}
            await uow.thread_followers.follow(thread.root_id, {thread.root_sender_id, message.sender_id})
        notified = rules.of_sent_message(message, participants, mentioned, muted, followers)
        await notify(uow, notified, self._channels)
