from typing import Protocol
from uuid import UUID


class KnownUsers(Protocol):
    """The users messaging has heard of from identity's events: its own copy, so it never asks identity."""

    async def add(self, user_id: UUID) -> None:
        """Record that `user_id` exists; recording a known user again changes nothing."""
        ...

    async def contains(self, user_id: UUID) -> bool: ...
