"""In-memory stand-ins for notifications' ports, for fast tests of the application layer.

The fake database stores writes only at commit, like a real one: a use case that forgets to
commit fails its tests here too. Unread counts are kept as the use cases change them, not
computed, so tests compare them with the notifications.
"""

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Self, TypeVar
from uuid import UUID

from contexts.notifications.domain.conversation import Conversation
from contexts.notifications.domain.notification import Notification
from kernel.integration_event import EventPayload, IntegrationEvent
from tests.fake_unit_of_work import FakeUnitOfWork, Write

P = TypeVar("P", bound=EventPayload)


@dataclass
class FakeDatabase:
    notifications: dict[UUID, Notification] = field(default_factory=dict)
    unread_counts: dict[UUID, int] = field(default_factory=dict)
    muted: set[tuple[UUID, UUID]] = field(default_factory=set)
    """(user, conversation)."""
    known_users: dict[UUID, str] = field(default_factory=dict)
    message_revisions: dict[UUID, int] = field(default_factory=dict)
    conversations: dict[UUID, Conversation] = field(default_factory=dict)
    thread_followers: set[tuple[UUID, UUID]] = field(default_factory=set)
    """(root, user)."""
    participants_read: int = 0
    """How many times it was asked who takes part, in one conversation or in several at once."""
    outbox: list[IntegrationEvent] = field(default_factory=list)
    inbox: set[tuple[UUID, str]] = field(default_factory=set)

    def published(self, payload: type[P]) -> list[P]:
        return [payload.from_event(event) for event in self.outbox if event.type == payload.TYPE]

    def of(self, recipient_id: UUID) -> list[Notification]:
        return [n for n in self.notifications.values() if n.recipient_id == recipient_id]


class FakeNotificationRepository:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes
        self._added: dict[UUID, Notification] = {}
        self._withdrawn: set[UUID] = set()
        self._marked_read: set[UUID] = set()
        """What this transaction has added, withdrawn and marked read so far: it reads its own
        writes, as a database does."""

    async def add(self, notification: Notification) -> bool:
        if notification.id in self._database.notifications or notification.id in self._added:
            return False
        self._added[notification.id] = notification
        self._writes.append(lambda: self._database.notifications.__setitem__(notification.id, notification))
        return True

    async def get(self, recipient_id: UUID, notification_id: UUID) -> Notification | None:
        found = self._database.notifications.get(notification_id)
        return found if found is not None and found.recipient_id == recipient_id else None

    async def newest(self, recipient_id: UUID, *, unread_only: bool, limit: int) -> list[Notification]:
        mine = [n for n in self._database.of(recipient_id) if n.is_unread or not unread_only]
        return sorted(mine, key=lambda n: (n.created_at, n.id), reverse=True)[:limit]

    async def mark_read(self, recipient_id: UUID, notification_id: UUID, at: datetime) -> bool:
        found = await self.get(recipient_id, notification_id)
        if found is None or not self._is_unread(found):
            return False
        self._read([found], at)
        return True

    async def mark_all_read(self, recipient_id: UUID, at: datetime) -> int:
        unread = [n for n in self._database.of(recipient_id) if self._is_unread(n)]
        self._read(unread, at)
        return len(unread)

    async def withdraw_unread(self, message_id: UUID) -> list[UUID]:
        visible = {**self._database.notifications, **self._added}
        withdrawn = [
            n
            for n in visible.values()
            if n.message_id == message_id and n.is_unread and n.id not in self._withdrawn
        ]
        for notification in withdrawn:
            self._withdrawn.add(notification.id)
            self._writes.append(partial(self._database.notifications.__delitem__, notification.id))
        return [notification.recipient_id for notification in withdrawn]

    def _is_unread(self, notification: Notification) -> bool:
        return notification.is_unread and notification.id not in self._marked_read

    def _read(self, notifications: list[Notification], at: datetime) -> None:
        for notification in notifications:
            self._marked_read.add(notification.id)
            read = dataclasses.replace(notification, read_at=at)
            self._writes.append(partial(self._database.notifications.__setitem__, read.id, read))


class FakeUnreadCounts:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes

    async def add(self, user_id: UUID, change: int) -> None:
        counts = self._database.unread_counts
        self._writes.append(lambda: counts.__setitem__(user_id, counts.get(user_id, 0) + change))

    async def of(self, user_id: UUID) -> int:
        return self._database.unread_counts.get(user_id, 0)


class FakePreferences:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes

    async def set_muted(self, user_id: UUID, conversation_id: UUID, *, muted: bool) -> None:
        change = self._database.muted.add if muted else self._database.muted.discard
        self._writes.append(lambda: change((user_id, conversation_id)))

    async def muted_among(self, conversation_id: UUID, user_ids: Collection[UUID]) -> set[UUID]:
        return {user_id for user_id in user_ids if (user_id, conversation_id) in self._database.muted}


class FakeKnownUsers:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes

    async def record(self, user_id: UUID, username: str) -> None:
        self._writes.append(lambda: self._database.known_users.__setitem__(user_id, username))

    async def ids_of(self, usernames: Collection[str]) -> dict[str, UUID]:
        return {name: user_id for user_id, name in self._database.known_users.items() if name in usernames}


class FakeMessageRevisions:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes
        self._advanced: dict[UUID, int] = {}
        """What this transaction has recorded so far: it reads its own writes, as a database does."""

    async def advance(self, message_id: UUID, revision: int) -> bool:
        reached = self._advanced.get(message_id, self._database.message_revisions.get(message_id, revision))
        if reached > revision:
            return False
        self._advanced[message_id] = revision
        self._writes.append(lambda: self._database.message_revisions.__setitem__(message_id, revision))
        return True


class FakeConversationParticipants:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes
        self._recorded: dict[UUID, Conversation] = {}
        """What this transaction has recorded so far: it reads its own writes, as a database does."""

    async def record(self, conversation: Conversation) -> bool:
        held = self._recorded.get(conversation.id) or self._database.conversations.get(conversation.id)
        if held is not None and held.revision > conversation.revision:
            return False
        self._recorded[conversation.id] = conversation
        self._writes.append(lambda: self._database.conversations.__setitem__(conversation.id, conversation))
        return True

    async def of(self, conversation_ids: Collection[UUID]) -> dict[UUID, frozenset[UUID]]:
        self._database.participants_read += 1
        visible = {**self._database.conversations, **self._recorded}
        return {id: visible[id].participant_ids for id in conversation_ids if id in visible}


class FakeThreadFollowers:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes
        self._followed: set[tuple[UUID, UUID]] = set()
        """What this transaction has recorded so far: it reads its own writes, as a database does."""

    async def follow(self, root_id: UUID, user_ids: Collection[UUID]) -> None:
        followed = {(root_id, user_id) for user_id in user_ids}
        self._followed |= followed
        self._writes.append(lambda: self._database.thread_followers.update(followed))

    async def of(self, root_id: UUID) -> frozenset[UUID]:
        return frozenset(
            user for root, user in self._database.thread_followers | self._followed if root == root_id
        )


class FakeNotificationsUnitOfWork(FakeUnitOfWork[FakeDatabase]):
    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.notifications = FakeNotificationRepository(self._database, self._writes)
        self.unread_counts = FakeUnreadCounts(self._database, self._writes)
        self.preferences = FakePreferences(self._database, self._writes)
        self.known_users = FakeKnownUsers(self._database, self._writes)
        self.message_revisions = FakeMessageRevisions(self._database, self._writes)
        self.participants = FakeConversationParticipants(self._database, self._writes)
        self.thread_followers = FakeThreadFollowers(self._database, self._writes)
        return self
