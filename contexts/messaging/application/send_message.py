from collections.abc import Callable
from uuid import UUID

from contexts.messaging.application.integration_events import publish_events
from contexts.messaging.application.message_view import MessageView
from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.errors import ConversationNotFoundError
from contexts.messaging.domain.mention_of_everyone import WhoMayMentionEveryone
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.clock import Clock


class SendMessage:
    """The one use case that changes two aggregates in one transaction: the conversation hands out
    the `seq` and the message it numbers is stored with it, or a failure between the two would
    leave a gap (docs/adr/0027-two-exceptions-in-messaging.md)."""

    def __init__(
        self,
        unit_of_work: Callable[[], MessagingUnitOfWork],
        clock: Clock,
        who_may_mention_everyone: WhoMayMentionEveryone,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._who_may_mention_everyone = who_may_mention_everyone

    async def __call__(
        self, sender_id: UUID, *, conversation_id: UUID, client_message_id: str, body: str
    ) -> tuple[MessageView, bool]:
        """The message, and whether this call sent it.

        Sending again under a client message id the sender already used answers the message sent
        the first time, as it is now, whatever body came with the repeat: a client retrying after
        a lost answer gets that answer, and nothing is posted or announced twice.
        """
        message_id = ClientMessageId(client_message_id)
        text = MessageBody(body)
        async with self._unit_of_work() as uow:
            # Held until commit: concurrent senders to this conversation take turns from here on,
            # so each reads the `seq` and the client message ids its predecessors stored.
            conversation = await uow.conversations.get_for_update(conversation_id)
            if conversation is None:
                raise ConversationNotFoundError()
            conversation.ensure_participant(sender_id)
            sent = await uow.messages.find_sent(conversation_id, sender_id, message_id)
            if sent is not None:
                return MessageView.of(sent), False
            self._who_may_mention_everyone.ensure_allowed(conversation, sender_id, text)
            message = conversation.post(sender_id, message_id, text, self._clock.now())
            await uow.conversations.save(conversation)
            await uow.messages.add(message)
            publish_events(uow, conversation, message)
            await uow.commit()
        return MessageView.of(message), True
