"""Rebuild every read model from the write side while the queries keep answering.

The rebuild fills empty read models from what the write side holds now, then swaps them in for
the live ones at once (see `ReadModelStore.rebuilding`). Events projected while it ran went to
the read models it replaced, so once swapped it projects again every event stored since it
began, and a margin before: a transaction still open when it began commits its event with an
earlier time. The projector is idempotent and order-safe, so projecting an event twice, or one
the rebuilt models already show, changes nothing.

The search index is rebuilt alongside, but in place: it is cleared first, so until the rebuild
has told it every message a search finds only those told so far (and those sent meanwhile).
"""

from collections.abc import Callable
from datetime import timedelta
from uuid import UUID

from contexts.messaging.application.integration_events import (
    published_conversation,
    published_message,
    published_pin,
    published_reactions,
    published_thread,
)
from contexts.messaging.application.read_model_projector import ReadModelProjector
from contexts.messaging.application.search_projector import SearchProjector
from contexts.messaging.ports.message_search import MessageSearch
from contexts.messaging.ports.published_events import PublishedEvents
from contexts.messaging.ports.read_model_store import ReadModelStore, ReadModelWriter
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.clock import Clock

REPLAY_MARGIN = timedelta(minutes=1)
"""Far longer than any transaction of messaging, and than the clock skew between its replicas."""

BATCH = 500
"""Messages read, and events replayed, per transaction: a long one would hold SQLite's write lock."""

SNAPSHOT_REVISION = 0
"""The write side keeps no time of a conversation's last change, so what it holds now ranks below
every event; the events replayed after the swap then bring any newer state."""


class RebuildReadModels:
    def __init__(
        self,
        unit_of_work: Callable[[], MessagingUnitOfWork],
        read_models: ReadModelStore,
        search: MessageSearch,
        published_events: PublishedEvents,
        clock: Clock,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._read_models = read_models
        self._search_projector = SearchProjector(search)
        self._search_index = search
        self._published_events = published_events
        self._clock = clock

    async def __call__(self) -> None:
        started = self._clock.now()
        await self._search_index.clear()
        async with self._read_models.rebuilding() as fresh:
            async with self._unit_of_work() as uow:
                conversation_ids = await uow.conversations.ids()
            for conversation_id in conversation_ids:
                await self._project(conversation_id, fresh)
        live = ReadModelProjector(self._read_models)
        replayed = await self._published_events.since(started - REPLAY_MARGIN)
        for start in range(0, len(replayed), BATCH):
            await live(replayed[start : start + BATCH])
            await self._search_projector(replayed[start : start + BATCH])

    async def _project(self, conversation_id: UUID, fresh: ReadModelWriter) -> None:
        async with self._unit_of_work() as uow:
            conversation = await uow.conversations.get(conversation_id)
            markers = await uow.read_markers.of_conversation(conversation_id)
        if conversation is None:
            return
        async with fresh.batch() as writer:
            projector = ReadModelProjector(writer)
            await projector.conversation(published_conversation(conversation), SNAPSHOT_REVISION)
            for marker in markers:
                await projector.read(str(conversation_id), str(marker.user_id), marker.seq)
        seq = 0
        while True:
            async with self._unit_of_work() as uow:
                messages = await uow.messages.after(conversation_id, seq, BATCH)
            async with fresh.batch() as writer:
                projector = ReadModelProjector(writer)
                for message in messages:
                    await projector.message(published_message(message))
                    if message.pin is not None:
                        await projector.pinned(published_pin(message))
                    if message.reactions.items:
                        await projector.reactions(
                            str(message.id), published_reactions(message), message.reactions_revision
                        )
                    if message.thread.version:
                        await projector.thread(published_thread(message), message.thread.version)
            await self._search_projector.index([published_message(message) for message in messages])
            if len(messages) < BATCH:
                return
            seq = messages[-1].seq
