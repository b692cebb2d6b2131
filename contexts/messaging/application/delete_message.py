from collections.abc import Callable
from uuid import UUID

from contexts.messaging.application.integration_events import publish_events
from contexts.messaging.application.message_to_change import message_to_change
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.clock import Clock


class DeleteMessage:
    def __init__(self, unit_of_work: Callable[[], MessagingUnitOfWork], clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, deleter_id: UUID, *, conversation_id: UUID, message_id: UUID) -> None:
        """Leave a tombstone, erase the message's edit history, unpin it and discard its files (the
        sweeper removes them); deleting a deleted message again changes and announces nothing.

        A deleted reply no longer counts in its thread's root."""
        async with self._unit_of_work() as uow:
            conversation, message = await message_to_change(
                uow, participant_id=deleter_id, conversation_id=conversation_id, message_id=message_id
            )
            root = None
            if message.thread_root_id is not None:
                # Held after the reply, as a reply's send holds them: a thread's summary changes in turn.
                root = await uow.messages.get_for_update(conversation_id, message.thread_root_id)
            now = self._clock.now()
            conversation.delete(message, deleter_id, now, root=root)
            await uow.edit_history.erase(message.id)
            # Held last, after the messages, as a send holds them.
            for upload in await uow.uploads.of_message(message.id):
                upload.discard(now)
                await uow.uploads.save(upload)
            await uow.messages.save(message)
            changed = [message]
            if root is not None:
                await uow.messages.save(root)
                changed.append(root)
            publish_events(uow, conversation, *changed)
            await uow.commit()
