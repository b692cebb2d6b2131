"""Messaging's events, translated into notifications' language: a message and who takes part."""

from uuid import UUID

from contexts.messaging.contracts import events as messaging
from contexts.messaging.contracts.revisions import message_revision
from contexts.notifications.application.handle_message_deleted import handle_message_deleted
from contexts.notifications.application.handle_message_edited import HandleMessageEdited
from contexts.notifications.application.handle_message_sent import HandleMessageSent
from contexts.notifications.domain.message import Message
from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork
from kernel.integration_event import IntegrationEvent

EVENT_TYPES = (messaging.MessageSent.TYPE, messaging.MessageEdited.TYPE, messaging.MessageDeleted.TYPE)

_DIRECT = "direct"
"""Messaging's `conversation_kind` of a conversation between two people; any other kind, even
one messaging adds later, is a group's."""


class MessageEvents:
    """Consumes messaging's message events through `infra.outbox.inbox.idempotent`, which commits."""

    def __init__(self, sent: HandleMessageSent, edited: HandleMessageEdited) -> None:
        self._sent = sent
        self._edited = edited

    async def __call__(self, event: IntegrationEvent, uow: NotificationsUnitOfWork) -> None:
        match event.type:
            case messaging.MessageSent.TYPE:
                await self._sent(_message(messaging.MessageSent.from_event(event), event), uow)
            case messaging.MessageEdited.TYPE:
                await self._edited(_message(messaging.MessageEdited.from_event(event), event), uow)
            case messaging.MessageDeleted.TYPE:
                deleted = messaging.MessageDeleted.from_event(event)
                await handle_message_deleted(
                    UUID(deleted.message["id"]), message_revision(deleted.message), uow
                )


def _message(told: messaging.MessageChanged, event: IntegrationEvent) -> Message:
    """`event.time` is when the message was sent, or edited."""
    return Message(
        id=UUID(told.message["id"]),
        conversation_id=UUID(told.message["conversation_id"]),
        sender_id=UUID(told.message["sender_id"]),
        body=told.message["body"],
        participant_ids=frozenset(map(UUID, told.participant_ids)),
        direct=told.conversation_kind == _DIRECT,
        at=event.time,
        revision=message_revision(told.message),
    )
