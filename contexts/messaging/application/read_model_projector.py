"""The projector: messaging's integration events, applied to its read models.

It consumes messaging's own published events, so the query side needs nothing the events do
not carry and runs the same beside the write side or as a process of its own. Each event turns
into writes that carry a revision or a maximum (see the store port), which makes the projector
idempotent and order-safe without an inbox:

- a conversation's revision is the time of the event that told it, so an older telling never
  replaces a newer one;
- a message's revision grows with what happened to it: sent, then each edit (by its time), then
  its deletion, which nothing follows (published in contracts/revisions.py, as realtime's log and
  notifications rank messages the same way);
- a message's reactions rank by the count of their changes (`reactions_revision`), and a deleted
  message's (none) by the revision of its tombstone, above every count;
- a thread root's summary has its version, which grows with each change to it;
- activity and read markers are maxima, which any order of arrival reaches;
- a message's pin's revision is the time of the event that pinned or unpinned it.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import get_args

from contexts.messaging.contracts import events as published
from contexts.messaging.contracts.revisions import DELETED, message_revision, microseconds
from contexts.messaging.ports.read_model_store import ReadModelWriter
from kernel.integration_event import IntegrationEvent, by_type

_ConversationPayload = published.ConversationCreated | published.ConversationChanged
_MessagePayload = published.MessageSent | published.MessageEdited | published.MessageDeleted

_CONVERSATION_PAYLOADS: dict[str, type[_ConversationPayload]] = by_type(*get_args(_ConversationPayload))
_MESSAGE_PAYLOADS: dict[str, type[_MessagePayload]] = by_type(*get_args(_MessagePayload))

EVENT_TYPES = (
    *_CONVERSATION_PAYLOADS,
    *_MESSAGE_PAYLOADS,
    published.ThreadUpdated.TYPE,
    published.ConversationRead.TYPE,
    published.MessagePinned.TYPE,
    published.MessageUnpinned.TYPE,
    published.MessageReactionsChanged.TYPE,
)


class ReadModelProjector:
    def __init__(self, read_models: ReadModelWriter) -> None:
        self._read_models = read_models

    async def __call__(self, events: Sequence[IntegrationEvent]) -> None:
        """Apply a batch of messaging's events, stored together; other types change nothing."""
        async with self._read_models.batch() as writer:
            projector = ReadModelProjector(writer)
            for event in events:
                await projector.project(event)

    async def project(self, event: IntegrationEvent) -> None:
        if told := _CONVERSATION_PAYLOADS.get(event.type):
            await self.conversation(told.from_event(event).conversation, microseconds(event.time))
        elif told_message := _MESSAGE_PAYLOADS.get(event.type):
            await self.message(told_message.from_event(event).message)
        elif event.type == published.ThreadUpdated.TYPE:
            updated = published.ThreadUpdated.from_event(event)
            await self.thread(updated.thread, updated.version)
        elif event.type == published.ConversationRead.TYPE:
            read = published.ConversationRead.from_event(event)
            await self.read(read.conversation_id, read.user_id, read.seq)
        elif event.type == published.MessagePinned.TYPE:
            await self.pinned(published.MessagePinned.from_event(event))
        elif event.type == published.MessageUnpinned.TYPE:
            unpinned = published.MessageUnpinned.from_event(event)
            await self._read_models.put_pin(
                unpinned.conversation_id, unpinned.message_id, None, microseconds(event.time)
            )
        elif event.type == published.MessageReactionsChanged.TYPE:
            reacted = published.MessageReactionsChanged.from_event(event)
            await self.reactions(reacted.message_id, reacted.reactions, reacted.reactions_revision)

    async def conversation(self, conversation: published.PublishedConversation, revision: int) -> None:
        await self._read_models.put_conversation(conversation, revision)
        await self._read_models.note_activity(conversation["id"], _at(conversation["created_at"]))

    async def message(self, message: published.PublishedMessage) -> None:
        await self._read_models.put_message(message, message_revision(message))
        if message["deleted"]:
            await self.reactions(message["id"], [], DELETED)
        await self._read_models.note_activity(message["conversation_id"], _at(message["created_at"]))

    async def reactions(
        self, message_id: str, reactions: list[published.PublishedReaction], revision: int
    ) -> None:
        await self._read_models.put_reactions(message_id, reactions, revision)

    async def thread(self, thread: published.PublishedThread, version: int) -> None:
        await self._read_models.put_thread(thread, version)

    async def read(self, conversation_id: str, user_id: str, seq: int) -> None:
        await self._read_models.mark_read(conversation_id, user_id, seq)

    async def pinned(self, pin: published.MessagePinned) -> None:
        """The pin's revision is its time, the time of the event that told it."""
        await self._read_models.put_pin(pin.conversation_id, pin.message_id, pin, _at(pin.pinned_at))


def _at(time: str) -> int:
    return microseconds(datetime.fromisoformat(time))
