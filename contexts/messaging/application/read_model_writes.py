"""The writes of a batch of projections, gathered so that a store can apply them at once.

Every write to the read models keeps a maximum (a revision, an activity time, a read marker; see
the store port), so of a batch's writes to one record only the greatest matters, and the records
may be stored in any order: the result is what storing the writes one by one would give. A store
then needs one transaction, or one bulk write per collection, for a whole batch.
"""

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from contexts.messaging.contracts.events import (
    MessagePinned,
    PublishedConversation,
    PublishedMessage,
    PublishedReaction,
    PublishedThread,
)


@dataclass
class ReadModelWrites:
    conversations: dict[str, tuple[PublishedConversation, int]] = field(default_factory=dict)
    """By id: the conversation as told, and the revision of the telling."""
    messages: dict[str, tuple[PublishedMessage, int]] = field(default_factory=dict)
    """By id: the message and its revision."""
    reactions: dict[str, tuple[list[PublishedReaction], int]] = field(default_factory=dict)
    """By message id: its reactions and their revision."""
    threads: dict[str, tuple[PublishedThread, int]] = field(default_factory=dict)
    """By root id: the thread's summary and its version."""
    activity: dict[str, int] = field(default_factory=dict)
    """By conversation id: when it was last active."""
    read_markers: dict[tuple[str, str], int] = field(default_factory=dict)
    """By conversation and user id: the `seq` read up to."""
    pins: dict[tuple[str, str], tuple[MessagePinned | None, int]] = field(default_factory=dict)
    """By conversation and message id: the message's pin (None: not pinned) and its revision."""

    @asynccontextmanager
    async def batch(self) -> AsyncIterator["ReadModelWrites"]:
        """Already a batch: its writes join this one's."""
        yield self

    async def put_conversation(self, conversation: PublishedConversation, revision: int) -> None:
        stored = self.conversations.get(conversation["id"])
        if stored is None or stored[1] <= revision:
            self.conversations[conversation["id"]] = (conversation, revision)

    async def put_message(self, message: PublishedMessage, revision: int) -> None:
        stored = self.messages.get(message["id"])
        if stored is None or stored[1] <= revision:
            self.messages[message["id"]] = (message, revision)

    async def put_reactions(self, message_id: str, reactions: list[PublishedReaction], revision: int) -> None:
        stored = self.reactions.get(message_id)
        if stored is None or stored[1] <= revision:
            self.reactions[message_id] = (reactions, revision)

    async def put_thread(self, thread: PublishedThread, version: int) -> None:
        stored = self.threads.get(thread["root_id"])
        if stored is None or stored[1] <= version:
            self.threads[thread["root_id"]] = (thread, version)

    async def note_activity(self, conversation_id: str, at: int) -> None:
        self.activity[conversation_id] = max(at, self.activity.get(conversation_id, at))

    async def mark_read(self, conversation_id: str, user_id: str, seq: int) -> None:
        key = (conversation_id, user_id)
        self.read_markers[key] = max(seq, self.read_markers.get(key, seq))

    async def put_pin(
        self, conversation_id: str, message_id: str, pin: MessagePinned | None, revision: int
    ) -> None:
        key = (conversation_id, message_id)
        stored = self.pins.get(key)
        if stored is None or stored[1] <= revision:
            self.pins[key] = (pin, revision)


class StoredTogether(ABC):
    """A store's side of the read models' writes: each write, or each `batch` of them, gathered
    and handed to `_store` at once. A store says only how it stores a batch."""

    @abstractmethod
    async def _store(self, writes: ReadModelWrites) -> None:
        """Store every write of the batch at once: one transaction, or a bulk write per collection."""

    @asynccontextmanager
    async def batch(self) -> AsyncIterator[ReadModelWrites]:
        writes = ReadModelWrites()
        yield writes
        await self._store(writes)

    async def put_conversation(self, conversation: PublishedConversation, revision: int) -> None:
        await self._store(ReadModelWrites(conversations={conversation["id"]: (conversation, revision)}))

    async def put_message(self, message: PublishedMessage, revision: int) -> None:
        await self._store(ReadModelWrites(messages={message["id"]: (message, revision)}))

    async def put_reactions(self, message_id: str, reactions: list[PublishedReaction], revision: int) -> None:
        await self._store(ReadModelWrites(reactions={message_id: (reactions, revision)}))

    async def put_thread(self, thread: PublishedThread, version: int) -> None:
        await self._store(ReadModelWrites(threads={thread["root_id"]: (thread, version)}))

    async def note_activity(self, conversation_id: str, at: int) -> None:
        await self._store(ReadModelWrites(activity={conversation_id: at}))

    async def mark_read(self, conversation_id: str, user_id: str, seq: int) -> None:
        await self._store(ReadModelWrites(read_markers={(conversation_id, user_id): seq}))

    async def put_pin(
        self, conversation_id: str, message_id: str, pin: MessagePinned | None, revision: int
    ) -> None:
        await self._store(ReadModelWrites(pins={(conversation_id, message_id): (pin, revision)}))
