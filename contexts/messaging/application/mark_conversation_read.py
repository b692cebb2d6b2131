from collections.abc import Callable
from uuid import UUID

from contexts.messaging.application.integration_events import publish_events
from contexts.messaging.domain.errors import ConversationNotFoundError
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.clock import Clock


class MarkConversationRead:
    def __init__(self, unit_of_work: Callable[[], MessagingUnitOfWork], clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, reader_id: UUID, *, conversation_id: UUID, seq: int) -> None:
        """Mark every message up to `seq` read for the reader; announced only if the marker moved."""
        async with self._unit_of_work() as uow:
            # Not held for update: marking read must not queue behind the conversation's senders.
            conversation = await uow.conversations.get(conversation_id)
            if conversation is None:
                raise ConversationNotFoundError()
            conversation.ensure_participant(reader_id)
            marker = await uow.read_markers.get_for_update(conversation_id, reader_id)
            await uow.read_markers.save(conversation.mark_read(marker, seq, self._clock.now()))
            publish_events(uow, conversation)
            await uow.commit()
