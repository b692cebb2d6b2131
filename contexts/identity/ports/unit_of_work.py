from typing import Protocol

from contexts.identity.ports.session_repository import SessionRepository
from contexts.identity.ports.user_repository import UserRepository
from kernel.unit_of_work import UnitOfWork


class IdentityUnitOfWork(UnitOfWork, Protocol):
    """One transaction over identity's aggregates and its outbox."""

    @property
    def users(self) -> UserRepository: ...

    @property
    def sessions(self) -> SessionRepository: ...
