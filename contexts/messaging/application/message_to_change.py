"""What changing a message (editing, deleting, pinning, reacting to it) reads first, and the refusals
those share."""

from uuid import UUID

from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.domain.errors import ConversationNotFoundError, MessageNotFoundError
from contexts.messaging.domain.message import Message
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork


async def message_to_change(
    uow: MessagingUnitOfWork,
    *,
    participant_id: UUID,
    conversation_id: UUID,
    message_id: UUID,
    holding_conversation: bool = False,
) -> tuple[Conversation, Message]:
    """The conversation and its message, the message held for the change (and the conversation too
    when `holding_conversation`, for a rule over all its messages); only a participant may learn
    either exists.

    Whoever holds both takes the conversation first, as senders do, so no two changes wait on each
    other's lock.
    """
    conversations = uow.conversations
    read = conversations.get_for_update if holding_conversation else conversations.get
    conversation = await read(conversation_id)
    if conversation is None:
        raise ConversationNotFoundError()
    conversation.ensure_participant(participant_id)
    message = await uow.messages.get_for_update(conversation_id, message_id)
    if message is None:
        raise MessageNotFoundError()
    return conversation, message
