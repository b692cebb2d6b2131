"""Messaging's events, translated into notifications' language: who takes part in a conversation,
and its messages.

A message's event names its conversation, not who takes part (ADR 25): notifications keeps its
own copy of each conversation's participants from the conversation's events, which messaging
publishes, in order with its messages, whenever who takes part changes.
"""

from collections.abc import Sequence
from uuid import UUID

from contexts.messaging.contracts import events as messaging
from contexts.messaging.contracts.revisions import message_revision, microseconds
from contexts.notifications.application.audiences import Audiences
from contexts.notifications.application.handle_message_deleted import handle_message_deleted
from contexts.notifications.application.handle_message_edited import HandleMessageEdited
from contexts.notifications.application.handle_message_sent import HandleMessageSent
from contexts.notifications.domain.conversation import Conversation
from contexts.notifications.domain.message_sent_or_edited import MessageSentOrEdited, ThreadReply
from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork
from infra.observability.correlation import correlation_scope
from kernel.integration_event import IntegrationEvent, by_type

_CONVERSATIONS: dict[str, type[messaging.ConversationCreated | messaging.ConversationChanged]] = by_type(
    messaging.ConversationCreated, messaging.ConversationChanged
)
_MESSAGES: dict[str, type[messaging.MessageSent | messaging.MessageEdited]] = by_type(
    messaging.MessageSent, messaging.MessageEdited
)

EVENT_TYPES = (*_CONVERSATIONS, *_MESSAGES, messaging.MessageDeleted.TYPE)

_DIRECT = "direct"
"""Messaging's `conversation_kind` of a conversation between two people; any other kind, even
one messaging adds later, is a group's."""


class MessagingEvents:
    """Consumes messaging's events a batch at a time, in order, through
    `infra.outbox.inbox.idempotent_batches`, which commits: who takes part in the conversations of
    the batch's messages is read once for the batch."""

    def __init__(self, sent: HandleMessageSent, edited: HandleMessageEdited) -> None:
        self._sent = sent
        self._edited = edited

    async def __call__(self, events: Sequence[IntegrationEvent], uow: NotificationsUnitOfWork) -> None:
        messages = {event.id: _message(event) for event in events if event.type in _MESSAGES}
        audiences = await Audiences.read(uow, {message.conversation_id for message in messages.values()})
        for event in events:
            with correlation_scope(event.correlation_id):
                match event.type:
                    case messaging.MessageSent.TYPE:
                        await self._sent(messages[event.id], audiences, uow)
                    case messaging.MessageEdited.TYPE:
                        await self._edited(messages[event.id], audiences, uow)
                    case messaging.MessageDeleted.TYPE:
                        deleted = messaging.MessageDeleted.from_event(event)
                        await handle_message_deleted(
                            UUID(deleted.message["id"]), message_revision(deleted.message), uow
                        )
                    case _:
                        await audiences.told(_conversation(event), uow)


def _conversation(event: IntegrationEvent) -> Conversation:
    """A conversation's revision is when it was told, as messaging's read models rank it (ADR 11)."""
    told = _CONVERSATIONS[event.type].from_event(event).conversation
    return Conversation(
        id=UUID(told["id"]),
        participant_ids=frozenset(map(UUID, told["participant_ids"])),
        revision=microseconds(event.time),
    )


def _message(event: IntegrationEvent) -> MessageSentOrEdited:
    """`event.time` is when the message was sent, or edited; a sent reply names its thread's root
    and the root's sender (data version 3 on)."""
    told = _MESSAGES[event.type].from_event(event)
    root_id = told.message.get("thread_root_id")
    root_sender_id = told.thread_root_sender_id if isinstance(told, messaging.MessageSent) else None
    return MessageSentOrEdited(
        id=UUID(told.message["id"]),
        conversation_id=UUID(told.message["conversation_id"]),
        sender_id=UUID(told.message["sender_id"]),
        body=told.message["body"],
        # Data version 5 on; an earlier message has none.
        attachment_names=tuple(attachment["filename"] for attachment in told.message.get("attachments", [])),
        direct=told.conversation_kind == _DIRECT,
        mentions_everyone=told.mentions_everyone,
        at=event.time,
        revision=message_revision(told.message),
        thread=None
        if root_id is None or root_sender_id is None
        else ThreadReply(root_id=UUID(root_id), root_sender_id=UUID(root_sender_id)),
    )
