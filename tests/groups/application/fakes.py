"""In-memory stand-ins for groups' ports, for fast tests of the application layer.

The fake database hands out copies and stores writes only at commit, like a real one: a use
case that forgets to save or to commit fails its tests here too. It also checks versions as
the real repository does, so races between requests can be staged.
"""

import copy
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from typing import Self
from uuid import UUID

from contexts.groups.domain.group import Group
from contexts.groups.domain.who_can_add import WhoCanAdd
from contexts.groups.ports.group_listing import LISTED_MEMBERS, GroupListing, ListPosition
from contexts.groups.ports.group_repository import GroupChangedError
from kernel.integration_event import IntegrationEvent
from tests.fake_unit_of_work import FakeUnitOfWork, Write


@dataclass
class FakeDatabase:
    groups: dict[UUID, Group] = field(default_factory=dict)
    known_users: set[UUID] = field(default_factory=set)
    who_can_add: dict[UUID, WhoCanAdd] = field(default_factory=dict)
    outbox: list[IntegrationEvent] = field(default_factory=list)
    inbox: set[tuple[UUID, str]] = field(default_factory=set)
    before_group_writes: list[Callable[[], Awaitable[object]]] = field(default_factory=list)
    """Each runs once, just before a group is written: lets a test slip in concurrent requests."""


class FakeGroupRepository:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes
        self._versions_read: dict[UUID, int] = {}
        """The version each group was stored at when this transaction read it: saving it again in
        the same transaction, as a real one may, is no change by someone else."""

    async def add(self, group: Group) -> None:
        self._write(group)

    async def save(self, group: Group) -> None:
        await self._claim(group)
        self._write(group)

    async def remove(self, group: Group) -> None:
        await self._claim(group)
        self._writes.append(lambda: self._database.groups.__delitem__(group.id))

    async def get(self, group_id: UUID) -> Group | None:
        stored = self._database.groups.get(group_id)
        return None if stored is None else self._read(stored)

    async def listed_for(
        self, user_id: UUID, *, after: ListPosition | None, count: int
    ) -> list[GroupListing]:
        mine = sorted(
            (group.snapshot for group in self._database.groups.values() if group.is_member(user_id)),
            key=lambda group: (group.created_at, group.id),
        )
        return [
            GroupListing(
                id=group.id,
                name=group.name,
                owner_id=group.owner_id,
                member_count=len(group.members),
                members=group.members[:LISTED_MEMBERS],
                created_at=group.created_at,
            )
            for group in mine
            if after is None or (group.created_at, group.id) > after
        ][:count]

    async def sharing_a_group_with(self, user_id: UUID, among: Collection[UUID]) -> set[UUID]:
        theirs = [group for group in self._database.groups.values() if group.is_member(user_id)]
        return {other for other in among if any(group.is_member(other) for group in theirs)}

    async def _claim(self, group: Group) -> None:
        if self._database.before_group_writes:
            await self._database.before_group_writes.pop(0)()
        stored = self._database.groups.get(group.id)
        if stored is not None and stored.version != self._versions_read[group.id]:
            raise GroupChangedError()

    def _read(self, stored: Group) -> Group:
        self._versions_read[stored.id] = stored.version
        return copy.deepcopy(stored)

    def _write(self, group: Group) -> None:
        stored = copy.deepcopy(group)
        stored.pull_events()  # a database keeps the state, not the events still to publish
        self._writes.append(lambda: self._database.groups.__setitem__(stored.id, stored))


class FakeKnownUsers:
    def __init__(self, database: FakeDatabase, writes: list[Write]) -> None:
        self._database = database
        self._writes = writes

    async def add(self, user_id: UUID) -> None:
        self._writes.append(lambda: self._database.known_users.add(user_id))

    async def unknown_among(self, user_ids: Collection[UUID]) -> set[UUID]:
        return set(user_ids) - self._database.known_users

    async def who_can_add(self, user_ids: Collection[UUID]) -> dict[UUID, WhoCanAdd]:
        return {user_id: self._database.who_can_add.get(user_id, WhoCanAdd.EVERYONE) for user_id in user_ids}

    async def choose_who_can_add(self, user_id: UUID, choice: WhoCanAdd) -> None:
        self._writes.append(lambda: self._database.who_can_add.__setitem__(user_id, choice))
        await self.add(user_id)


class FakeGroupsUnitOfWork(FakeUnitOfWork[FakeDatabase]):
    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.groups = FakeGroupRepository(self._database, self._writes)
        self.known_users = FakeKnownUsers(self._database, self._writes)
        return self
