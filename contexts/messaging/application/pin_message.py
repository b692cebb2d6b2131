from collections.abc import Callable
from uuid import UUID

from contexts.messaging.application.integration_events import publish_events
from contexts.messaging.application.message_to_change import message_to_change
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.clock import Clock


class PinMessage:
    def __init__(self, unit_of_work: Callable[[], MessagingUnitOfWork], clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, pinner_id: UUID, *, conversation_id: UUID, message_id: UUID) -> None:
        """Pin the message; a pinned message pinned again changes and announces nothing."""
        async with self._unit_of_work() as uow:
            # Held until commit: pinners of one conversation take turns, so each counts the pins
            # its predecessors stored, and the limit holds under concurrent pins.
            conversation, message = await message_to_change(
                uow,
                participant_id=pinner_id,
                conversation_id=conversation_id,
                message_id=message_id,
                holding_conversation=True,
            )
            pins = await uow.messages.pinned_count(conversation_id)
            conversation.pin(message, pinner_id, pins=pins, now=self._clock.now())
            await uow.messages.save(message)
            publish_events(uow, conversation, message)
            await uow.commit()
