"""Messaging's events, translated into deliveries: its objects go out as frames as they are.

Every messaging event names its audience (`participant_ids`), so realtime never asks who
takes part in a conversation before pushing.
"""

from collections.abc import Iterable, Sequence
from uuid import UUID

from contexts.messaging.contracts import events as messaging
from contexts.realtime.application.delivery import Delivery
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from infra.context_module import EventSubscription
from kernel.integration_event import IntegrationEvent

_MessagePayload = type[messaging.MessageSent | messaging.MessageEdited | messaging.MessageDeleted]

_MESSAGE_FRAMES: dict[str, tuple[_MessagePayload, FrameType]] = {
    messaging.MessageSent.TYPE: (messaging.MessageSent, FrameType.MESSAGE_CREATED),
    messaging.MessageEdited.TYPE: (messaging.MessageEdited, FrameType.MESSAGE_EDITED),
    messaging.MessageDeleted.TYPE: (messaging.MessageDeleted, FrameType.MESSAGE_DELETED),
}


def messaging_subscriptions(delivery: Delivery) -> Sequence[EventSubscription]:
    async def message_changed(event: IntegrationEvent) -> None:
        payload, frame_type = _MESSAGE_FRAMES[event.type]
        changed = payload.from_event(event)
        await delivery.message(frame_type, changed.message, _ids(changed.participant_ids))

    async def conversation_created(event: IntegrationEvent) -> None:
        conversation = messaging.ConversationCreated.from_event(event).conversation
        participant_ids = _ids(conversation["participant_ids"])
        await delivery.conversation(conversation, participant_ids, newcomers=participant_ids)

    async def conversation_changed(event: IntegrationEvent) -> None:
        changed = messaging.ConversationChanged.from_event(event)
        await delivery.conversation(
            changed.conversation,
            _ids(changed.conversation["participant_ids"]),
            newcomers=_ids(changed.added_participant_ids),
        )

    async def conversation_read(event: IntegrationEvent) -> None:
        read = messaging.ConversationRead.from_event(event)
        frame = Frame(
            FrameType.CONVERSATION_READ,
            {"conversation_id": read.conversation_id, "user_id": read.user_id, "seq": read.seq},
        )
        await delivery.push(frame, _ids(read.participant_ids))

    return [
        *(EventSubscription(event_type, message_changed) for event_type in _MESSAGE_FRAMES),
        EventSubscription(messaging.ConversationCreated.TYPE, conversation_created),
        EventSubscription(messaging.ConversationChanged.TYPE, conversation_changed),
        EventSubscription(messaging.ConversationRead.TYPE, conversation_read),
    ]


def _ids(user_ids: Iterable[str]) -> frozenset[UUID]:
    return frozenset(UUID(user_id) for user_id in user_ids)
