from typing import Protocol

from contexts.groups.ports.group_repository import GroupRepository
from contexts.groups.ports.known_users import KnownUsers
from kernel.unit_of_work import UnitOfWork


class GroupsUnitOfWork(UnitOfWork, Protocol):
    """One transaction over groups' aggregates, its record of known users, its outbox and inbox."""

    @property
    def groups(self) -> GroupRepository: ...

    @property
    def known_users(self) -> KnownUsers: ...
