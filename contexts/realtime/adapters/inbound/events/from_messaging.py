"""Messaging's events, translated into changes to deliver: its objects go out as frames as they are.

A conversation's events say who takes part in it; a message's or a read marker's name only their
conversation, and realtime pushes them to the participants its directory has from the former
(ADR 25). It never asks messaging who takes part.
"""

from collections.abc import Callable, Iterable, Mapping
from uuid import UUID

from contexts.messaging.contracts import events as messaging
from contexts.messaging.contracts.revisions import message_revision
from contexts.realtime.application.delivery import (
    Change,
    ConversationChanged,
    MessageChanged,
    ToldParticipants,
)
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from kernel.integration_event import IntegrationEvent

_MessagePayload = type[messaging.MessageSent | messaging.MessageEdited | messaging.MessageDeleted]

_MESSAGE_FRAMES: dict[str, tuple[_MessagePayload, FrameType]] = {
    messaging.MessageSent.TYPE: (messaging.MessageSent, FrameType.MESSAGE_CREATED),
    messaging.MessageEdited.TYPE: (messaging.MessageEdited, FrameType.MESSAGE_EDITED),
    messaging.MessageDeleted.TYPE: (messaging.MessageDeleted, FrameType.MESSAGE_DELETED),
}


def _message_changed(event: IntegrationEvent) -> Change:
    payload, frame_type = _MESSAGE_FRAMES[event.type]
    changed = payload.from_event(event)
    return MessageChanged(frame_type, changed.message, message_revision(changed.message))


def _conversation_created(event: IntegrationEvent) -> Change:
    conversation = messaging.ConversationCreated.from_event(event).conversation
    participant_ids = _ids(conversation["participant_ids"])
    return ConversationChanged(conversation, participant_ids, newcomers=participant_ids)


def _conversation_changed(event: IntegrationEvent) -> Change:
    changed = messaging.ConversationChanged.from_event(event)
    return ConversationChanged(
        changed.conversation,
        _ids(changed.conversation["participant_ids"]),
        newcomers=_ids(changed.added_participant_ids),
    )


def _conversation_read(event: IntegrationEvent) -> Change:
    read = messaging.ConversationRead.from_event(event)
    frame = Frame(
        FrameType.CONVERSATION_READ,
        {"conversation_id": read.conversation_id, "user_id": read.user_id, "seq": read.seq},
    )
    return ToldParticipants(UUID(read.conversation_id), frame)


def _message_pinned(event: IntegrationEvent) -> Change:
    pinned = messaging.MessagePinned.from_event(event)
    frame = Frame(
        FrameType.MESSAGE_PINNED,
        {
            "conversation_id": pinned.conversation_id,
            "message_id": pinned.message_id,
            "pinned_by": pinned.pinned_by,
            "pinned_at": pinned.pinned_at,
        },
    )
    return ToldParticipants(UUID(pinned.conversation_id), frame)


def _message_unpinned(event: IntegrationEvent) -> Change:
    unpinned = messaging.MessageUnpinned.from_event(event)
    frame = Frame(
        FrameType.MESSAGE_UNPINNED,
        {"conversation_id": unpinned.conversation_id, "message_id": unpinned.message_id},
    )
    return ToldParticipants(UUID(unpinned.conversation_id), frame)


def _thread_updated(event: IntegrationEvent) -> Change:
    """The thread's summary as it is after the change: a frame later than another tells a newer one."""
    thread = messaging.ThreadUpdated.from_event(event).thread
    return ToldParticipants(UUID(thread["conversation_id"]), Frame(FrameType.THREAD_UPDATED, dict(thread)))


def _reactions_changed(event: IntegrationEvent) -> Change:
    """One frame for every participant: who reacted is in it, and each client keeps its own `me`."""
    changed = messaging.MessageReactionsChanged.from_event(event)
    frame = Frame(
        FrameType.MESSAGE_REACTIONS_CHANGED,
        {
            "conversation_id": changed.conversation_id,
            "message_id": changed.message_id,
            "user_id": changed.user_id,
            "emoji": changed.emoji,
            "added": changed.added,
            "reactions": [
                {"emoji": reaction["emoji"], "count": reaction["count"]} for reaction in changed.reactions
            ],
        },
    )
    return ToldParticipants(UUID(changed.conversation_id), frame)


MESSAGING_CHANGES: Mapping[str, Callable[[IntegrationEvent], Change]] = {
    **dict.fromkeys(_MESSAGE_FRAMES, _message_changed),
    messaging.ConversationCreated.TYPE: _conversation_created,
    messaging.ConversationChanged.TYPE: _conversation_changed,
    messaging.ConversationRead.TYPE: _conversation_read,
    messaging.MessagePinned.TYPE: _message_pinned,
    messaging.MessageUnpinned.TYPE: _message_unpinned,
    messaging.ThreadUpdated.TYPE: _thread_updated,
    messaging.MessageReactionsChanged.TYPE: _reactions_changed,
}
"""What each of messaging's event types realtime takes means to it."""


def _ids(user_ids: Iterable[str]) -> frozenset[UUID]:
    return frozenset(UUID(user_id) for user_id in user_ids)
