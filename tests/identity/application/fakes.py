"""In-memory stand-ins for identity's ports, for fast tests of the application layer.

The fake database hands out copies and stores writes only at commit, like a real one: a use
case that forgets to save or to commit fails its tests here too.
"""

import asyncio
import copy
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Self
from uuid import UUID

from contexts.identity.domain.errors import UsernameTakenError
from contexts.identity.domain.name_prefix import NamePrefix
from contexts.identity.domain.password import Password
from contexts.identity.domain.refresh_token import TokenDigest
from contexts.identity.domain.session import Session
from contexts.identity.domain.user import User
from contexts.identity.domain.username import Username
from contexts.identity.ports.access_token_issuer import AccessToken
from contexts.identity.ports.session_repository import SessionChangedError
from kernel.errors import OverloadedError
from kernel.integration_event import IntegrationEvent
from tests.fake_unit_of_work import FakeUnitOfWork, Write


@dataclass
class FakeDatabase:
    users: dict[UUID, User] = field(default_factory=dict)
    sessions: dict[UUID, tuple[int, Session]] = field(default_factory=dict)
    """Each session with its version, bumped by every save."""
    outbox: list[IntegrationEvent] = field(default_factory=list)
    inbox: set[tuple[UUID, str]] = field(default_factory=set)
    before_next_session_save: Callable[[], Awaitable[object]] | None = None
    """Runs once, just before a session is saved: lets a test slip in a concurrent request."""


class FakeUserRepository:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes

    async def add(self, user: User) -> None:
        if any(stored.username == user.username for stored in self._database.users.values()):
            raise UsernameTakenError()
        await self.save(user)

    async def save(self, user: User) -> None:
        stored = copy.deepcopy(user)
        stored.pull_events()  # a database keeps the state, not the events still to publish
        self._writes.append(lambda: self._database.users.__setitem__(stored.id, stored))

    async def get(self, user_id: UUID) -> User | None:
        return copy.deepcopy(self._database.users.get(user_id))

    async def get_by_username(self, username: Username) -> User | None:
        return next(
            (copy.deepcopy(user) for user in self._database.users.values() if user.username == username), None
        )

    async def search(self, prefix: NamePrefix, limit: int) -> list[User]:
        key = prefix.search_key
        found = [
            user
            for user in self._database.users.values()
            if user.username.value.startswith(key) or user.display_name.search_key.startswith(key)
        ]
        return copy.deepcopy(sorted(found, key=lambda user: user.username.value)[:limit])


class FakeSessionRepository:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes
        self._versions_read: dict[UUID, int] = {}
        """The version each session was stored at when this transaction read it."""
        self._versions_written: dict[UUID, int] = {}
        """The version each of this transaction's saves gave a session: it may save one twice."""

    async def add(self, session: Session) -> None:
        stored = copy.deepcopy(session)
        self._versions_read[session.id] = 1
        self._writes.append(lambda: self._database.sessions.__setitem__(stored.id, (1, stored)))

    async def save(self, session: Session) -> None:
        if hook := self._database.before_next_session_save:
            self._database.before_next_session_save = None
            await hook()
        read = self._versions_read[session.id]
        if session.id in self._database.sessions and self._database.sessions[session.id][0] != read:
            raise SessionChangedError()
        stored = copy.deepcopy(session)
        version = self._versions_written[session.id] = self._versions_written.get(session.id, read) + 1
        self._writes.append(lambda: self._database.sessions.__setitem__(stored.id, (version, stored)))

    async def get(self, session_id: UUID) -> Session | None:
        if session_id not in self._database.sessions:
            return None
        version, session = self._database.sessions[session_id]
        self._versions_read[session_id] = version
        return copy.deepcopy(session)

    async def get_by_token(self, token: TokenDigest) -> Session | None:
        for session_id, (_, session) in self._database.sessions.items():
            if token in session.tokens:
                return await self.get(session_id)
        return None


class FakeIdentityUnitOfWork(FakeUnitOfWork[FakeDatabase]):
    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.users = FakeUserRepository(self._database, self._writes)
        self.sessions = FakeSessionRepository(self._database, self._writes)
        return self


class FakePasswordHasher:
    """Reversible and instant, unless held; counts verifications, to show unknown users cost one
    too. Like the bounded hashing threads, it takes `capacity` hashes and verifications at once and
    refuses more as too busy: a test fills it by holding them (clearing `released`)."""

    def __init__(self, capacity: int = 2) -> None:
        self.verifications = 0
        self.capacity = capacity
        self.released = asyncio.Event()
        self.released.set()
        self._in_flight = 0
        self._held = asyncio.Event()

    async def hash(self, password: Password) -> str:
        await self._work()
        return f"hashed:{password.value}"

    async def verify(self, password: str, password_hash: str | None) -> bool:
        await self._work()
        self.verifications += 1
        return password_hash is not None and password_hash == f"hashed:{password}"

    async def _work(self) -> None:
        if self._in_flight >= self.capacity:
            raise OverloadedError("busy", 1)
        self._in_flight += 1
        self._held.set()
        try:
            await self.released.wait()
        finally:
            self._in_flight -= 1

    async def holding(self, count: int) -> None:
        """Returns once `count` hashes or verifications are in progress (held, while `released` is clear)."""
        while self._in_flight < count:
            self._held.clear()
            await self._held.wait()


class FakeAccessTokenIssuer:
    def issue(self, user_id: UUID, *, session_id: UUID, now: datetime) -> AccessToken:
        return AccessToken(f"access:{user_id}:{session_id}:{now.isoformat()}", 900)
