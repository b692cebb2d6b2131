from collections.abc import Callable
from uuid import UUID

from contexts.messaging.domain.earlier_body import EarlierBody
from contexts.messaging.domain.errors import ConversationNotFoundError, MessageNotFoundError
from contexts.messaging.ports.edit_history import LISTED_EARLIER_BODIES
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork


class EditHistoryQuery:
    """A message's edit history, read from the write side, its only record: it is erased there with
    its message, so no read model has to be told to forget it (docs/adr/0032-edit-history.md)."""

    def __init__(self, unit_of_work: Callable[[], MessagingUnitOfWork]) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(
        self, reader_id: UUID, *, conversation_id: UUID, message_id: UUID
    ) -> list[EarlierBody]:
        """The bodies the message's edits replaced, oldest first (the latest LISTED_EARLIER_BODIES);
        none for a deleted message, whose history went with it."""
        async with self._unit_of_work() as uow:
            conversation = await uow.conversations.get(conversation_id)
            if conversation is None:
                raise ConversationNotFoundError()
            conversation.ensure_participant(reader_id)
            if await uow.messages.get(conversation_id, message_id) is None:
                raise MessageNotFoundError()
            return await uow.edit_history.of(message_id, count=LISTED_EARLIER_BODIES)
