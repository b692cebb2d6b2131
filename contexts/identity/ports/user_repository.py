from typing import Protocol
from uuid import UUID

from contexts.identity.domain.name_prefix import NamePrefix
from contexts.identity.domain.user import User
from contexts.identity.domain.username import Username


class UserRepository(Protocol):
    async def add(self, user: User) -> None:
        """Raises UsernameTakenError if another user has the username, even one added concurrently."""
        ...

    async def save(self, user: User) -> None:
        """Store the changes made to a user read from this repository."""
        ...

    async def get(self, user_id: UUID) -> User | None: ...

    async def get_by_username(self, username: Username) -> User | None: ...

    async def search(self, prefix: NamePrefix, limit: int) -> list[User]:
        """Users whose username or display name starts with `prefix`, ignoring case, by username."""
        ...
