from collections.abc import Callable
from uuid import UUID

from contexts.messaging.application.integration_events import publish_events
from contexts.messaging.application.message_to_change import message_to_change
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.clock import Clock


class UnpinMessage:
    def __init__(self, unit_of_work: Callable[[], MessagingUnitOfWork], clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, unpinner_id: UUID, *, conversation_id: UUID, message_id: UUID) -> None:
        """Unpin the message; one that is not pinned (deleted ones never are) changes nothing."""
        async with self._unit_of_work() as uow:
            conversation, message = await message_to_change(
                uow, participant_id=unpinner_id, conversation_id=conversation_id, message_id=message_id
            )
            conversation.unpin(message, unpinner_id, self._clock.now())
            await uow.messages.save(message)
            publish_events(uow, conversation, message)
            await uow.commit()
