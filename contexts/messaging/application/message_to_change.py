"""What editing, deleting and reacting to a message read first, and the refusals they share."""

from uuid import UUID

from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.domain.errors import ConversationNotFoundError, MessageNotFoundError
from contexts.messaging.domain.message import Message
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork


async def message_to_change(
    uow: MessagingUnitOfWork, *, participant_id: UUID, conversation_id: UUID, message_id: UUID
) -> tuple[Conversation, Message]:
    """The conversation and its message, held for the change; only a participant may learn either exists."""
    conversation = await uow.conversations.get(conversation_id)
    if conversation is None:
        raise ConversationNotFoundError()
    conversation.ensure_participant(participant_id)
    message = await uow.messages.get_for_update(conversation_id, message_id)
    if message is None:
        raise MessageNotFoundError()
    return conversation, message
