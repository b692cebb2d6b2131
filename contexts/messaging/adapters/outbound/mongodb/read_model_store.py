"""The read models in MongoDB, through pymongo's async client.

Five collections: `conversations` (the conversation as told, its participants for the index,
its activity and every participant's read marker), `messages` (the timelines, and each message's
thread for a thread's page), `threads` (each thread root's summary, by the root's id),
`reactions` (each message's) and `pins`. Every write is one conditional upsert: it matches the
document only while the stored revision is not higher, and an upsert that matches nothing collides
with the newer document's `_id`, which means there was nothing to do. A batch's writes go in one
bulk write per collection.
"""

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import datetime
from typing import cast

from pymongo import AsyncMongoClient, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.cursor import AsyncCursor
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError, CollectionInvalid

from contexts.messaging.adapters.outbound.mongodb import queries
from contexts.messaging.adapters.outbound.mongodb.queries import (
    CONVERSATIONS,
    INDEXES,
    MESSAGES,
    PINS,
    REACTIONS,
    THREADS,
    Document,
    Query,
)
from contexts.messaging.application.read_model_writes import ReadModelWrites, StoredTogether
from contexts.messaging.application.thread_summaries import thread_of, with_summaries
from contexts.messaging.contracts.events import (
    MessagePinned,
    PublishedConversation,
    PublishedMessage,
    PublishedReaction,
)
from contexts.messaging.contracts.revisions import microseconds
from contexts.messaging.ports.read_model_store import (
    LISTED_PARTICIPANTS,
    ConversationSummary,
    ListPosition,
    PinnedMessage,
)

NO_REVISION = -1
"""The revision of a conversation's document made by its messages or markers before it was told of."""

_DUPLICATE_KEY = 11000

REBUILDING = "rebuilding_"
"""Prefix of the collections a rebuild fills before they replace the live ones."""


class MongoReadModelStore(StoredTogether):
    def __init__(self, client: AsyncMongoClient[Document], database: str, prefix: str = "messaging_") -> None:
        self._client = client
        self._database: AsyncDatabase[Document] = client[database]
        self._prefix = prefix

    async def create_indexes(self) -> None:
        """And the collections, so that one without indexes of its own (`threads`) exists for a
        rebuild to rename, even before anything is written to it."""
        existing = set(await self._database.list_collection_names())
        for name, indexes in INDEXES.items():
            if self._collection(name).name not in existing:
                with suppress(CollectionInvalid):  # another replica created it just now
                    await self._database.create_collection(self._collection(name).name)
            for index in indexes:
                await self._collection(name).create_index(index.keys, name=index.name, unique=index.unique)

    async def _store(self, writes: ReadModelWrites) -> None:
        """Every write of the batch as conditional upserts, one bulk write per collection."""
        conversations = [
            UpdateOne(
                {"_id": conversation["id"], "revision": {"$lte": revision}},
                {
                    "$set": {
                        "conversation": conversation,
                        "participant_ids": conversation["participant_ids"],
                        "revision": revision,
                    },
                    "$setOnInsert": {"activity": 0},
                },
                upsert=True,
            )
            for conversation, revision in writes.conversations.values()
        ]
        conversations += [
            UpdateOne(
                {"_id": conversation_id},
                {"$max": {"activity": at}, "$setOnInsert": {"revision": NO_REVISION}},
                upsert=True,
            )
            for conversation_id, at in writes.activity.items()
        ]
        conversations += [
            UpdateOne(
                {"_id": conversation_id},
                {"$max": {f"read.{user_id}": seq}, "$setOnInsert": {"revision": NO_REVISION, "activity": 0}},
                upsert=True,
            )
            for (conversation_id, user_id), seq in writes.read_markers.items()
        ]
        messages = [
            UpdateOne(
                {"_id": message["id"], "revision": {"$lte": revision}},
                {
                    "$set": {
                        "conversation_id": message["conversation_id"],
                        "seq": message["seq"],
                        "sender_id": message["sender_id"],
                        "deleted": message["deleted"],
                        "revision": revision,
                        "message": message,
                        "thread_id": thread_of(message),
                    }
                },
                upsert=True,
            )
            for message, revision in writes.messages.values()
        ]
        pins = [
            UpdateOne(
                {"_id": f"{conversation_id}:{message_id}", "revision": {"$lte": revision}},
                {
                    "$set": {
                        "conversation_id": conversation_id,
                        "pinned_at": None
                        if pin is None
                        else microseconds(datetime.fromisoformat(pin.pinned_at)),
                        "revision": revision,
                        "pin": None if pin is None else dataclasses.asdict(pin),
                    }
                },
                upsert=True,
            )
            for (conversation_id, message_id), (pin, revision) in writes.pins.items()
        ]
        reactions = [
            UpdateOne(
                {"_id": message_id, "revision": {"$lte": revision}},
                {"$set": {"revision": revision, "reactions": of}},
                upsert=True,
            )
            for message_id, (of, revision) in writes.reactions.items()
        ]
        threads = [
            UpdateOne(
                {"_id": thread["root_id"], "version": {"$lte": version}},
                {"$set": {"version": version, "thread": thread}},
                upsert=True,
            )
            for thread, version in writes.threads.values()
        ]
        await _upsert(self._collection(CONVERSATIONS), conversations)
        await _upsert(self._collection(MESSAGES), messages)
        await _upsert(self._collection(THREADS), threads)
        await _upsert(self._collection(PINS), pins)
        await _upsert(self._collection(REACTIONS), reactions)

    async def conversation(self, conversation_id: str) -> PublishedConversation | None:
        found = await self._collection(CONVERSATIONS).find_one({"_id": conversation_id}, {"conversation": 1})
        return None if found is None else cast(PublishedConversation | None, found.get("conversation"))

    async def conversations_of(
        self, user_id: str, *, after: ListPosition | None, count: int
    ) -> list[ConversationSummary]:
        query = queries.conversations_of(user_id, None if after is None else after[0])
        # The server cuts the participants and reads out only this user's marker: a document
        # holds every participant twice and each one's marker.
        listed = {
            "activity": 1,
            f"read.{user_id}": 1,
            "participant_count": {"$size": "$participant_ids"},
            "conversation": {
                "$mergeObjects": [
                    "$conversation",
                    {"participant_ids": {"$slice": ["$conversation.participant_ids", LISTED_PARTICIPANTS]}},
                ]
            },
        }
        page: list[ConversationSummary] = []
        async with self._collection(query.collection).find(query.filter, listed).sort(query.sort) as found:
            async for document in found:
                position = (document["activity"], document["_id"])
                if after is not None and position[0] == after[0] and position[1] <= after[1]:
                    continue  # active at the cursor's moment, and listed up to it already
                page.append(
                    ConversationSummary(
                        conversation=document["conversation"],
                        participant_count=document["participant_count"],
                        last_message=await self._last_message(document["_id"]),
                        unread_count=await self._unread(
                            document["_id"], user_id, document.get("read", {}).get(user_id, 0)
                        ),
                        position=position,
                    )
                )
                if len(page) == count:
                    break
        return page

    async def conversation_ids_of(self, user_id: str) -> set[str]:
        query = queries.conversations_of(user_id)
        async with (
            self._collection(query.collection).find(query.filter, {"_id": 1}).sort(query.sort) as found
        ):
            return {document["_id"] async for document in found}

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
        # A thread's replies are all in its root's conversation.
        if thread is None:
            query = queries.timeline(conversation_id, after=after, before=before, latest=latest)
        else:
            query = queries.thread(thread, after=after, before=before, latest=latest)
        found = [document["message"] async for document in self._find(query).limit(count)]
        shown = await self._with_summaries(found)
        return list(reversed(shown)) if latest else shown

    async def message(self, conversation_id: str, message_id: str) -> PublishedMessage | None:
        found = await self._collection(MESSAGES).find_one(
            {"_id": message_id, "conversation_id": conversation_id}
        )
        return None if found is None else (await self._with_summaries([found["message"]]))[0]

    async def _with_summaries(self, messages: list[PublishedMessage]) -> list[PublishedMessage]:
        """The messages, the roots among them with their threads' summaries: one query for a page."""
        threads = self._collection(THREADS).find({"_id": {"$in": [message["id"] for message in messages]}})
        return with_summaries(messages, {found["_id"]: found["thread"] async for found in threads})

    async def pins(self, conversation_id: str, *, count: int) -> list[PinnedMessage]:
        pins = [
            MessagePinned(**document["pin"])
            async for document in self._find(queries.pins(conversation_id)).limit(count)
        ]
        found = self._find(queries.messages_by_id([pin.message_id for pin in pins]))
        stored = [document["message"] async for document in found]
        messages = {message["id"]: message for message in await self._with_summaries(stored)}
        return [
            PinnedMessage(message=messages[pin.message_id], pin=pin)
            for pin in pins
            if pin.message_id in messages and not messages[pin.message_id]["deleted"]
        ]

    async def reactions(self, message_ids: list[str]) -> dict[str, list[PublishedReaction]]:
        found = self._find(queries.reactions_of(message_ids))
        return {document["_id"]: document["reactions"] async for document in found if document["reactions"]}

    @asynccontextmanager
    async def rebuilding(self) -> AsyncIterator["MongoReadModelStore"]:
        """Fill fresh collections, then rename each over its live one.

        A rename replaces its target at once, so a query sees a whole collection, old or new;
        the two collections are swapped one after the other, and for that moment a list of
        conversations may come from the new one and their messages from the old one.
        """
        fresh = MongoReadModelStore(self._client, self._database.name, REBUILDING + self._prefix)
        for name in INDEXES:
            await fresh._collection(name).drop()
            # Made even when the rebuild writes nothing to it, so there is a collection to rename.
            await self._database.create_collection(fresh._collection(name).name)
        await fresh.create_indexes()
        yield fresh
        for name in INDEXES:
            await self._client.admin.command(
                "renameCollection",
                f"{self._database.name}.{fresh._collection(name).name}",
                to=f"{self._database.name}.{self._collection(name).name}",
                dropTarget=True,
            )

    async def _last_message(self, conversation_id: str) -> PublishedMessage | None:
        async for document in self._find(queries.last_message(conversation_id)).limit(1):
            return (await self._with_summaries([cast(PublishedMessage, document["message"])]))[0]
        return None

    async def _unread(self, conversation_id: str, user_id: str, read_seq: int) -> int:
        query = queries.after_marker(conversation_id, read_seq)
        after = self._collection(query.collection).find(query.filter, {"sender_id": 1, "deleted": 1})
        return sum([1 async for found in after if found["sender_id"] != user_id and not found["deleted"]])

    def _find(self, query: Query) -> AsyncCursor[Document]:
        found = self._collection(query.collection).find(query.filter)
        return found.sort(query.sort) if query.sort else found

    def _collection(self, name: str) -> AsyncCollection[Document]:
        return self._database[self._prefix + name]


async def _upsert(collection: AsyncCollection[Document], upserts: list[UpdateOne]) -> None:
    """Apply conditional upserts: each updates the document its filter matches, or creates it.

    When a filter matches no document only because a newer revision is stored, the upsert's insert
    collides with that document's `_id`: it is then left as it is. A collision can also be two
    upserts of the same new document racing, so the upserts that collided are tried once more.
    Order does not matter between them, every write keeping a maximum.
    """
    for _ in range(2):
        if not upserts:
            return
        try:
            await collection.bulk_write(upserts, ordered=False)
        except BulkWriteError as error:
            collided = {
                failure["index"]
                for failure in error.details["writeErrors"]
                if failure["code"] == _DUPLICATE_KEY
            }
            if len(collided) < len(error.details["writeErrors"]):
                raise
            upserts = [upsert for index, upsert in enumerate(upserts) if index in collided]
        else:
            return
