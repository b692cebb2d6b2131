from collections.abc import Callable
from uuid import UUID

from contexts.messaging.application.integration_events import publish_events
from contexts.messaging.application.message_to_change import message_to_change
from contexts.messaging.application.message_view import MessageView
from contexts.messaging.domain.mention_of_everyone import WhoMayMentionEveryone
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.clock import Clock


class EditMessage:
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
        self, editor_id: UUID, *, conversation_id: UUID, message_id: UUID, body: str
    ) -> MessageView:
        """The message as edited, its earlier body kept in its edit history; the same body again
        changes and announces nothing."""
        text = MessageBody(body)
        async with self._unit_of_work() as uow:
            conversation, message = await message_to_change(
                uow, participant_id=editor_id, conversation_id=conversation_id, message_id=message_id
            )
            self._who_may_mention_everyone.ensure_allowed(conversation, editor_id, text)
            replaced = conversation.edit(message, editor_id, text, self._clock.now())
            if replaced is not None:
                await uow.edit_history.append(message.id, replaced)
            await uow.messages.save(message)
            publish_events(uow, conversation, message)
            await uow.commit()
        return MessageView.of(message)
