from collections.abc import Collection
from typing import Protocol
from uuid import UUID


class KnownUsers(Protocol):
    """The users messaging has heard of from identity's events, and who goes by which username:
    its own copy, so it never asks identity."""

    async def record(self, user_id: UUID, username: str) -> None:
        """Record that `user_id` exists and goes by `username` now, replacing the one recorded before."""
        ...

    async def contains(self, user_id: UUID) -> bool: ...

    async def ids_of(self, usernames: Collection[str]) -> dict[str, UUID]:
        """The users going by those of `usernames` that someone goes by."""
        ...
