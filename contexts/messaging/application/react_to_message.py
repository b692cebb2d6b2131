from collections.abc import Callable
from uuid import UUID

from contexts.messaging.application.integration_events import publish_events
from contexts.messaging.application.message_to_change import message_to_change
from contexts.messaging.domain.emoji import Emoji
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.clock import Clock


class ReactToMessage:
    """A participant's reaction to a message, added or taken back.

    The message is held for the change (`message_to_change`), so concurrent reactions to it take
    turns: each counts from the reactions its predecessor stored, and the limit of distinct emoji
    holds (docs/adr/0030-reactions.md). Reactions to other messages, and sends, do not wait.
    """

    def __init__(self, unit_of_work: Callable[[], MessagingUnitOfWork], clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(
        self, user_id: UUID, *, conversation_id: UUID, message_id: UUID, emoji: str, added: bool
    ) -> None:
        """The same change again changes and announces nothing, so either request may be retried."""
        reaction = Emoji(emoji)
        async with self._unit_of_work() as uow:
            conversation, message = await message_to_change(
                uow, participant_id=user_id, conversation_id=conversation_id, message_id=message_id
            )
            if added:
                conversation.react(message, user_id, reaction, self._clock.now())
            else:
                conversation.take_back(message, user_id, reaction, self._clock.now())
            await uow.messages.save(message)
            publish_events(uow, conversation, message)
            await uow.commit()
