from typing import Protocol
from uuid import UUID


class UserDirectory(Protocol):
    """The users messaging has heard of from identity's events: its own replica, so it never asks identity."""

    async def add(self, user_id: UUID) -> None:
        """Adding a user who is already there changes nothing."""
        ...

    async def contains(self, user_id: UUID) -> bool: ...
