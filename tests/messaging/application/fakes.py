"""In-memory stand-ins for messaging's ports, for fast tests of the application layer.

The fake database hands out copies and stores writes only at commit, like a real one: a use
case that forgets to save or to commit fails its tests here too.
"""

import copy
import re
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Self, TypeVar
from uuid import UUID

from contexts.messaging.contracts.events import ConversationChanged, ConversationCreated
from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.domain.earlier_body import EarlierBody
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.read_marker import ReadMarker
from contexts.messaging.domain.thumbnail_state import ThumbnailState
from contexts.messaging.domain.upload import Upload
from contexts.messaging.ports.content_types import UNKNOWN_TYPE
from contexts.messaging.ports.conversation_repository import ConversationAlreadyExistsError
from contexts.messaging.ports.file_storage import FileNotInStorageError
from contexts.messaging.ports.images import ImageSize, UnreadableImageError
from contexts.messaging.ports.message_search import FoundMessage, IndexedMessage, SearchQuery, SnippetPart
from kernel.aggregate import AggregateRoot
from kernel.integration_event import EventPayload, IntegrationEvent, by_type
from tests.fake_unit_of_work import FakeUnitOfWork, Write

A = TypeVar("A", bound=AggregateRoot)
P = TypeVar("P", bound=EventPayload)


@dataclass
class FakeDatabase:
    conversations: dict[UUID, Conversation] = field(default_factory=dict)
    messages: dict[UUID, Message] = field(default_factory=dict)
    read_markers: dict[tuple[UUID, UUID], ReadMarker] = field(default_factory=dict)
    known_users: set[UUID] = field(default_factory=set)
    usernames: dict[UUID, str] = field(default_factory=dict)
    earlier_bodies: dict[UUID, list[EarlierBody]] = field(default_factory=dict)
    uploads: dict[UUID, Upload] = field(default_factory=dict)
    outbox: list[IntegrationEvent] = field(default_factory=list)
    inbox: set[tuple[UUID, str]] = field(default_factory=set)
    before_next_conversation_add: Callable[[], Awaitable[object]] | None = None
    """Runs once, just before a conversation is added: lets a test slip in a concurrent request."""

    def published(self, payload: type[P]) -> list[P]:
        return [payload.from_event(event) for event in self.outbox if event.type == payload.TYPE]


def _stored(aggregate: A) -> A:
    stored = copy.deepcopy(aggregate)
    stored.pull_events()  # a database keeps the state, not the events still to publish
    return stored


class FakeConversationRepository:
    """Reads its own unit of work's writes before they are committed, as a transaction does."""

    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes
        self._written: dict[UUID, Conversation] = {}

    async def add(self, conversation: Conversation) -> None:
        if hook := self._database.before_next_conversation_add:
            self._database.before_next_conversation_add = None
            await hook()
        if conversation.id in self._database.conversations:
            raise ConversationAlreadyExistsError()
        await self.save(conversation)

    async def save(self, conversation: Conversation) -> None:
        stored = self._written[conversation.id] = _stored(conversation)
        self._writes.append(lambda: self._database.conversations.__setitem__(stored.id, stored))

    async def get(self, conversation_id: UUID) -> Conversation | None:
        return copy.deepcopy(
            self._written.get(conversation_id) or self._database.conversations.get(conversation_id)
        )

    async def get_for_update(self, conversation_id: UUID) -> Conversation | None:
        return await self.get(conversation_id)

    async def ids(self) -> list[UUID]:
        return list(self._database.conversations)


class FakeMessageRepository:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes

    async def add(self, message: Message) -> None:
        await self.save(message)

    async def save(self, message: Message) -> None:
        stored = _stored(message)
        self._writes.append(lambda: self._database.messages.__setitem__(stored.id, stored))

    async def get(self, conversation_id: UUID, message_id: UUID) -> Message | None:
        message = self._database.messages.get(message_id)
        return copy.deepcopy(message) if message and message.conversation_id == conversation_id else None

    async def get_for_update(self, conversation_id: UUID, message_id: UUID) -> Message | None:
        return await self.get(conversation_id, message_id)

    async def after(self, conversation_id: UUID, seq: int, limit: int) -> list[Message]:
        following = (
            message
            for message in self._database.messages.values()
            if message.conversation_id == conversation_id and message.seq > seq
        )
        return copy.deepcopy(sorted(following, key=lambda message: message.seq)[:limit])

    async def find_sent(
        self, conversation_id: UUID, sender_id: UUID, client_message_id: ClientMessageId
    ) -> Message | None:
        return next(
            (
                copy.deepcopy(message)
                for message in self._database.messages.values()
                if (message.conversation_id, message.sender_id, message.client_message_id)
                == (conversation_id, sender_id, client_message_id)
            ),
            None,
        )

    async def pinned_count(self, conversation_id: UUID) -> int:
        return sum(
            1
            for message in self._database.messages.values()
            if message.conversation_id == conversation_id and message.pin is not None
        )


class FakeEditHistory:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes

    async def append(self, message_id: UUID, earlier: EarlierBody) -> None:
        self._writes.append(lambda: self._database.earlier_bodies.setdefault(message_id, []).append(earlier))

    async def of(self, message_id: UUID, *, count: int) -> list[EarlierBody]:
        return self._database.earlier_bodies.get(message_id, [])[-count:]

    async def erase(self, message_id: UUID) -> None:
        def erase() -> None:
            self._database.earlier_bodies.pop(message_id, None)

        self._writes.append(erase)


class FakeReadMarkerRepository:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes

    async def get_for_update(self, conversation_id: UUID, user_id: UUID) -> ReadMarker:
        return self._database.read_markers.get(
            (conversation_id, user_id), ReadMarker(conversation_id, user_id)
        )

    async def save(self, marker: ReadMarker) -> None:
        self._writes.append(
            lambda: self._database.read_markers.__setitem__((marker.conversation_id, marker.user_id), marker)
        )

    async def of_conversation(self, conversation_id: UUID) -> list[ReadMarker]:
        return [marker for (of, _), marker in self._database.read_markers.items() if of == conversation_id]


class FakeKnownUsers:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes

    async def record(self, user_id: UUID, username: str) -> None:
        def write() -> None:
            self._database.known_users.add(user_id)
            self._database.usernames[user_id] = username

        self._writes.append(write)

    async def contains(self, user_id: UUID) -> bool:
        return user_id in self._database.known_users

    async def ids_of(self, usernames: Collection[str]) -> dict[str, UUID]:
        return {name: user_id for user_id, name in self._database.usernames.items() if name in usernames}


class FakeUploadRepository:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes

    async def add(self, upload: Upload) -> None:
        await self.save(upload)

    async def save(self, upload: Upload) -> None:
        stored = _stored(upload)
        self._writes.append(lambda: self._database.uploads.__setitem__(upload.id, stored))

    async def get(self, upload_id: UUID) -> Upload | None:
        stored = self._database.uploads.get(upload_id)
        return None if stored is None else copy.deepcopy(stored)

    async def get_for_update(self, upload_ids: Sequence[UUID]) -> list[Upload]:
        return [copy.deepcopy(self._database.uploads[i]) for i in upload_ids if i in self._database.uploads]

    async def of_message(self, message_id: UUID) -> list[Upload]:
        return [copy.deepcopy(u) for u in self._database.uploads.values() if u.message_id == message_id]

    async def to_sweep(self, *, unattached_before: datetime, limit: int) -> list[Upload]:
        return [
            copy.deepcopy(upload)
            for upload in self._database.uploads.values()
            if upload.discarded_at is not None
            or (upload.message_id is None and upload.uploaded_at < unattached_before)
        ][:limit]

    async def awaiting_thumbnail(self, *, limit: int) -> list[Upload]:
        pending = [
            upload
            for upload in self._database.uploads.values()
            if upload.thumbnail is ThumbnailState.PENDING and upload.discarded_at is None
        ]
        return [copy.deepcopy(upload) for upload in sorted(pending, key=lambda u: u.uploaded_at)][:limit]

    async def remove(self, upload_id: UUID) -> None:
        def remove() -> None:
            self._database.uploads.pop(upload_id, None)

        self._writes.append(remove)


class FakeMessagingUnitOfWork(FakeUnitOfWork[FakeDatabase]):
    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.conversations = FakeConversationRepository(self._database, self._writes)
        self.messages = FakeMessageRepository(self._database, self._writes)
        self.read_markers = FakeReadMarkerRepository(self._database, self._writes)
        self.known_users = FakeKnownUsers(self._database, self._writes)
        self.edit_history = FakeEditHistory(self._database, self._writes)
        self.uploads = FakeUploadRepository(self._database, self._writes)
        return self


class FakeFileStorage:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    async def write(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        self.files[key] = b"".join([chunk async for chunk in chunks])
        return len(self.files[key])

    async def read(self, key: str, *, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        if key not in self.files:
            raise FileNotInStorageError(key)
        yield self.files[key][start:end]

    async def delete(self, key: str) -> None:
        self.files.pop(key, None)


FAKE_IMAGE_TYPE = "image/x-fake"


def fake_image(width: int, height: int) -> bytes:
    """A file that `FakeContentTypes` takes for an image and `FakeImages` reads as `width` x `height`."""
    return f"IMG {width}x{height}".encode()


class FakeContentTypes:
    """Tells a `fake_image` (or one that starts like it), an executable (`MZ...`), and nothing else."""

    def detect(self, head: bytes) -> str:
        if head.startswith(b"IMG "):
            return FAKE_IMAGE_TYPE
        return "application/x-msdownload" if head.startswith(b"MZ") else UNKNOWN_TYPE


class FakeImages:
    """Reads what `fake_image` makes; anything else of its type is corrupt."""

    def reads(self, content_type: str) -> bool:
        return content_type == FAKE_IMAGE_TYPE

    async def measure(self, file: IO[bytes]) -> ImageSize:
        file.seek(0)
        found = re.fullmatch(rb"IMG (\d+)x(\d+)", file.read())
        if found is None:
            raise UnreadableImageError("The image cannot be read.")
        return ImageSize(int(found[1]), int(found[2]))

    async def thumbnail(self, file: IO[bytes], max_side: int) -> bytes:
        size = await self.measure(file)
        return f"thumbnail of {size.width}x{size.height} within {max_side}".encode()


class FakeMessageSearch:
    """The search index as a list scanned for substrings: every match ranks the same, newest first,
    and its snippet is its whole body, unhighlighted."""

    def __init__(self) -> None:
        self.stored: dict[UUID, tuple[IndexedMessage, int]] = {}

    async def index(self, messages: Sequence[tuple[IndexedMessage, int]]) -> None:
        for message, revision in messages:
            if message.id not in self.stored or self.stored[message.id][1] < revision:
                self.stored[message.id] = (message, revision)

    async def search(
        self,
        query: SearchQuery,
        *,
        conversation_ids: Collection[UUID],
        sent_before: datetime | None,
        offset: int,
        limit: int,
    ) -> list[FoundMessage]:
        def matches(message: IndexedMessage) -> bool:
            body = message.body.lower()
            return (
                not message.deleted
                and message.conversation_id in conversation_ids
                and (sent_before is None or message.created_at < sent_before)
                and (not query.sender_ids or message.sender_id in query.sender_ids)
                and all(word in body for word in query.words)
                and all(" ".join(phrase) in body for phrase in query.phrases)
            )

        found = sorted(
            (message for message, _ in self.stored.values() if matches(message)),
            key=lambda message: message.created_at,
            reverse=True,
        )
        return [
            FoundMessage(
                message_id=message.id,
                conversation_id=message.conversation_id,
                seq=message.seq,
                sender_id=message.sender_id,
                created_at=message.created_at,
                snippet=(SnippetPart(message.body, highlighted=False),),
            )
            for message in found[offset : offset + limit]
        ]

    async def clear(self) -> None:
        self.stored.clear()


_CONVERSATION_PAYLOADS: dict[str, type[ConversationCreated | ConversationChanged]] = by_type(
    ConversationCreated, ConversationChanged
)


class FakeParticipations:
    """Who takes part in which conversation, as messaging's conversation events last told it."""

    def __init__(self) -> None:
        self._participants: dict[str, list[str]] = {}

    async def __call__(self, events: Sequence[IntegrationEvent]) -> None:
        for event in events:
            if told := _CONVERSATION_PAYLOADS.get(event.type):
                conversation = told.from_event(event).conversation
                self._participants[conversation["id"]] = conversation["participant_ids"]

    async def conversation_ids_of(self, user_id: str) -> set[str]:
        return {conversation_id for conversation_id, ids in self._participants.items() if user_id in ids}
