"""The embedded read models: SQL tables in messaging's own database, on SQLite or PostgreSQL.

They survive restarts like the write side beside them, so the default run needs no rebuild at
start. Every row carries a generation; queries and the projector use the current one, and a
rebuild fills the next one and then makes it current in one transaction (see `rebuilding`).
"""

import dataclasses
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contexts.messaging.adapters.outbound.sqlalchemy.tables import (
    view_conversations,
    view_generation,
    view_messages,
    view_participants,
    view_pins,
    view_reactions,
    view_read_markers,
    view_threads,
    views,
)
from contexts.messaging.application.read_model_writes import ReadModelWrites, StoredTogether
from contexts.messaging.application.thread_summaries import thread_of, with_summaries
from contexts.messaging.contracts.events import (
    MessagePinned,
    PublishedConversation,
    PublishedMessage,
    PublishedReaction,
    PublishedThread,
)
from contexts.messaging.contracts.revisions import microseconds
from contexts.messaging.ports.read_model_store import (
    LISTED_PARTICIPANTS,
    ConversationSummary,
    ListPosition,
    PinnedMessage,
)
from infra.db.database import reading
from infra.db.upserts import upsert_unless_newer

NO_REVISION = -1
"""The revision of a conversation's row made by its messages or markers before it was told of."""


class SqlAlchemyReadModelStore(StoredTogether):
    def __init__(self, sessions: async_sessionmaker[AsyncSession], generation: int | None = None) -> None:
        self._sessions = sessions
        self._generation = generation
        """None: whichever generation is current at each call."""

    async def _store(self, writes: ReadModelWrites) -> None:
        """Every write of the batch, in one transaction and a statement per table."""
        async with self._transaction() as (db, generation):
            for conversation, revision in writes.conversations.values():
                await _put_conversation(db, generation, conversation, revision)
            await upsert_unless_newer(
                db,
                view_messages,
                *(
                    {
                        "generation": generation,
                        "id": UUID(message["id"]),
                        "conversation_id": UUID(message["conversation_id"]),
                        "seq": message["seq"],
                        "sender_id": UUID(message["sender_id"]),
                        "deleted": message["deleted"],
                        "revision": revision,
                        "document": message,
                        "thread_id": UUID(thread_of(message)),
                    }
                    for message, revision in writes.messages.values()
                ),
                key=["generation", "id"],
                changing=["deleted", "revision", "document"],
                revision="revision",
            )
            await upsert_unless_newer(
                db,
                view_threads,
                *(
                    {
                        "generation": generation,
                        "root_id": UUID(thread["root_id"]),
                        "version": version,
                        "document": thread,
                    }
                    for thread, version in writes.threads.values()
                ),
                key=["generation", "root_id"],
                changing=["version", "document"],
                revision="version",
            )
            await upsert_unless_newer(
                db,
                view_reactions,
                *(
                    {
                        "generation": generation,
                        "message_id": UUID(message_id),
                        "revision": revision,
                        "document": of,
                    }
                    for message_id, (of, revision) in writes.reactions.items()
                ),
                key=["generation", "message_id"],
                changing=["revision", "document"],
                revision="revision",
            )
            await upsert_unless_newer(
                db,
                view_conversations,
                *(
                    {
                        "generation": generation,
                        "id": UUID(conversation_id),
                        "document": None,
                        "revision": NO_REVISION,
                        "activity": at,
                    }
                    for conversation_id, at in writes.activity.items()
                ),
                key=["generation", "id"],
                changing=["activity"],
                revision="activity",
            )
            await upsert_unless_newer(
                db,
                view_read_markers,
                *(
                    {
                        "generation": generation,
                        "conversation_id": UUID(conversation_id),
                        "user_id": UUID(user_id),
                        "seq": seq,
                    }
                    for (conversation_id, user_id), seq in writes.read_markers.items()
                ),
                key=["generation", "conversation_id", "user_id"],
                changing=["seq"],
                revision="seq",
            )
            await upsert_unless_newer(
                db,
                view_pins,
                *(
                    {
                        "generation": generation,
                        "conversation_id": UUID(conversation_id),
                        "message_id": UUID(message_id),
                        "pinned_at": None
                        if pin is None
                        else microseconds(datetime.fromisoformat(pin.pinned_at)),
                        "revision": revision,
                        "document": None if pin is None else dataclasses.asdict(pin),
                    }
                    for (conversation_id, message_id), (pin, revision) in writes.pins.items()
                ),
                key=["generation", "conversation_id", "message_id"],
                changing=["pinned_at", "revision", "document"],
                revision="revision",
            )

    async def conversation(self, conversation_id: str) -> PublishedConversation | None:
        async with self._snapshot() as (db, generation):
            document: PublishedConversation | None = await db.scalar(
                select(view_conversations.c.document).filter_by(
                    generation=generation, id=UUID(conversation_id)
                )
            )
        return document

    async def conversations_of(
        self, user_id: str, *, after: ListPosition | None, count: int
    ) -> list[ConversationSummary]:
        user = UUID(user_id)
        activity, conversation_id = view_conversations.c.activity, view_conversations.c.id
        query = (
            select(conversation_id, view_conversations.c.document, activity)
            .join(
                view_participants,
                (view_participants.c.generation == view_conversations.c.generation)
                & (view_participants.c.conversation_id == conversation_id),
            )
            .where(view_participants.c.user_id == user)
            .order_by(activity.desc(), conversation_id)
            .limit(count)
        )
        if after is not None:
            query = query.where(
                (activity < after[0]) | ((activity == after[0]) & (conversation_id > UUID(after[1])))
            )
        async with self._snapshot() as (db, generation):
            rows = (await db.execute(query.where(view_participants.c.generation == generation))).all()
            counts = await _participant_counts(db, generation, [row.id for row in rows])
            return [
                ConversationSummary(
                    conversation=_listed(row.document),
                    participant_count=counts[row.id],
                    last_message=await _last_message(db, generation, row.id),
                    unread_count=await _unread_count(db, generation, row.id, user),
                    position=(row.activity, str(row.id)),
                )
                for row in rows
            ]

    async def conversation_ids_of(self, user_id: str) -> set[str]:
        async with self._snapshot() as (db, generation):
            found = await db.scalars(
                select(view_participants.c.conversation_id).filter_by(
                    generation=generation, user_id=UUID(user_id)
                )
            )
            return {str(conversation_id) for conversation_id in found}

    async def messages(
        self,
        conversation_id: str,
        *,
        after: int,
        before: int | None,
        count: int,
        latest: bool,
        thread: str | None = None,
    ) -> list[PublishedMessage]:
        seq = view_messages.c.seq
        query = select(view_messages.c.document).where(
            seq > after, view_messages.c.conversation_id == UUID(conversation_id)
        )
        if before is not None:
            query = query.where(seq < before)
        if thread is not None:
            query = query.where(view_messages.c.thread_id == UUID(thread))
        async with self._snapshot() as (db, generation):
            found: Sequence[PublishedMessage] = (
                await db.scalars(
                    query.where(view_messages.c.generation == generation)
                    .order_by(seq.desc() if latest else seq)
                    .limit(count)
                )
            ).all()
            shown = await _with_summaries(db, generation, found)
        return list(reversed(shown)) if latest else shown

    async def message(self, conversation_id: str, message_id: str) -> PublishedMessage | None:
        async with self._snapshot() as (db, generation):
            found: PublishedMessage | None = await db.scalar(
                select(view_messages.c.document).filter_by(
                    generation=generation, conversation_id=UUID(conversation_id), id=UUID(message_id)
                )
            )
            return None if found is None else (await _with_summaries(db, generation, [found]))[0]

    async def pins(self, conversation_id: str, *, count: int) -> list[PinnedMessage]:
        async with self._snapshot() as (db, generation):
            rows = (
                await db.execute(
                    select(view_pins.c.document.label("pin"), view_messages.c.document.label("message"))
                    .join(
                        view_messages,
                        (view_messages.c.generation == view_pins.c.generation)
                        & (view_messages.c.id == view_pins.c.message_id),
                    )
                    .where(
                        view_pins.c.generation == generation,
                        view_pins.c.conversation_id == UUID(conversation_id),
                        view_pins.c.pinned_at.is_not(None),
                        view_messages.c.deleted.is_(False),
                    )
                    .order_by(view_pins.c.pinned_at.desc())
                    .limit(count)
                )
            ).all()
            shown = await _with_summaries(db, generation, [row.message for row in rows])
        return [
            PinnedMessage(message=message, pin=MessagePinned(**row.pin))
            for message, row in zip(shown, rows, strict=True)
        ]

    async def reactions(self, message_ids: list[str]) -> dict[str, list[PublishedReaction]]:
        async with self._snapshot() as (db, generation):
            rows = await db.execute(
                select(view_reactions.c.message_id, view_reactions.c.document).where(
                    view_reactions.c.generation == generation,
                    view_reactions.c.message_id.in_([UUID(message_id) for message_id in message_ids]),
                )
            )
            return {str(row.message_id): row.document for row in rows if row.document}

    @asynccontextmanager
    async def rebuilding(self) -> AsyncIterator["SqlAlchemyReadModelStore"]:
        """Fill the generation after the current one, then make it current and drop the old one.

        Queries and the projector keep using the current generation until the swap, which is one
        transaction: a reader sees the whole old generation or the whole new one.
        """
        async with self._sessions() as db, db.begin():
            current = await _current_generation(db)
            for table in views:  # left over by a rebuild that failed, or written across a swap
                await db.execute(delete(table).where(table.c.generation != current))
        yield SqlAlchemyReadModelStore(self._sessions, current + 1)
        async with self._sessions() as db, db.begin():
            await db.execute(update(view_generation).filter_by(id=1).values(current=current + 1))
            for table in views:
                await db.execute(delete(table).filter_by(generation=current))

    @asynccontextmanager
    async def _snapshot(self) -> AsyncIterator[tuple[AsyncSession, int]]:
        async with reading(self._sessions) as db:
            yield db, self._generation or await _current_generation(db)

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[tuple[AsyncSession, int]]:
        async with self._sessions() as db, db.begin():
            yield db, self._generation or await _current_generation(db)


async def _put_conversation(
    db: AsyncSession, generation: int, conversation: PublishedConversation, revision: int
) -> None:
    conversation_id = UUID(conversation["id"])
    key = {"generation": generation, "id": conversation_id}
    await upsert_unless_newer(
        db,
        view_conversations,
        {**key, "document": conversation, "revision": revision, "activity": 0},
        key=list(key),
        changing=["document", "revision"],
        revision="revision",
    )
    if await db.scalar(select(view_conversations.c.revision).filter_by(**key)) != revision:
        return  # a newer telling is stored, and so are its participants
    await db.execute(
        delete(view_participants).filter_by(generation=generation, conversation_id=conversation_id)
    )
    await db.execute(
        insert(view_participants),
        [
            {"generation": generation, "user_id": UUID(user_id), "conversation_id": conversation_id}
            for user_id in conversation["participant_ids"]
        ],
    )


async def _with_summaries(
    db: AsyncSession, generation: int, messages: Sequence[PublishedMessage]
) -> list[PublishedMessage]:
    """The messages, the roots among them with their threads' summaries: one query for a page."""
    threads: Sequence[PublishedThread] = (
        await db.scalars(
            select(view_threads.c.document).where(
                view_threads.c.generation == generation,
                view_threads.c.root_id.in_([UUID(message["id"]) for message in messages]),
            )
        )
    ).all()
    return with_summaries(messages, {thread["root_id"]: thread for thread in threads})


async def _current_generation(db: AsyncSession) -> int:
    generation: int = (await db.execute(select(view_generation.c.current).filter_by(id=1))).scalar_one()
    return generation


def _listed(conversation: PublishedConversation) -> PublishedConversation:
    listed = conversation.copy()
    listed["participant_ids"] = conversation["participant_ids"][:LISTED_PARTICIPANTS]
    return listed


async def _participant_counts(
    db: AsyncSession, generation: int, conversation_ids: list[UUID]
) -> dict[UUID, int]:
    counted = await db.execute(
        select(view_participants.c.conversation_id, func.count())
        .where(
            view_participants.c.generation == generation,
            view_participants.c.conversation_id.in_(conversation_ids),
        )
        .group_by(view_participants.c.conversation_id)
    )
    return {row[0]: row[1] for row in counted}


async def _last_message(db: AsyncSession, generation: int, conversation_id: UUID) -> PublishedMessage | None:
    last: PublishedMessage | None = await db.scalar(
        select(view_messages.c.document)
        .filter_by(generation=generation, conversation_id=conversation_id)
        .order_by(view_messages.c.seq.desc())
        .limit(1)
    )
    return None if last is None else (await _with_summaries(db, generation, [last]))[0]


async def _unread_count(db: AsyncSession, generation: int, conversation_id: UUID, user_id: UUID) -> int:
    read = await db.scalar(
        select(view_read_markers.c.seq).filter_by(
            generation=generation, conversation_id=conversation_id, user_id=user_id
        )
    )
    unread = await db.execute(
        select(func.count())
        .select_from(view_messages)
        .where(
            view_messages.c.generation == generation,
            view_messages.c.conversation_id == conversation_id,
            view_messages.c.seq > (read or 0),
            view_messages.c.sender_id != user_id,
            view_messages.c.deleted.is_(False),
        )
    )
    count: int = unread.scalar_one()
    return count
