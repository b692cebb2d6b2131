from collections.abc import Callable
from uuid import UUID

from contexts.messaging.application.conversation_view import ConversationView
from contexts.messaging.application.integration_events import publish_events
from contexts.messaging.domain.conversation import Conversation, direct_conversation_id
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.clock import Clock
from kernel.concurrency import retry_on_concurrent_change
from kernel.errors import InvalidValueError


class OpenDirectConversation:
    """The direct conversation of two users: the one they already have, or else a new one."""

    def __init__(self, unit_of_work: Callable[[], MessagingUnitOfWork], clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, initiator_id: UUID, *, other_id: UUID) -> tuple[ConversationView, bool]:
        """The conversation, and whether this call created it."""
        conversation_id = direct_conversation_id(initiator_id, other_id)
        # Should the other user open it at the same moment, the second attempt finds theirs.
        return await retry_on_concurrent_change(
            lambda: self._open(conversation_id, initiator_id=initiator_id, other_id=other_id), attempts=2
        )

    async def _open(
        self, conversation_id: UUID, *, initiator_id: UUID, other_id: UUID
    ) -> tuple[ConversationView, bool]:
        async with self._unit_of_work() as uow:
            existing = await uow.conversations.get(conversation_id)
            if existing is not None:
                return ConversationView.of(existing), False
            if not await uow.known_users.contains(other_id):
                raise InvalidValueError("user_id", "no such user")
            conversation = Conversation.open_direct(initiator_id, other_id=other_id, now=self._clock.now())
            await uow.conversations.add(conversation)
            publish_events(uow, conversation)
            await uow.commit()
        return ConversationView.of(conversation), True
