from collections.abc import Collection
from typing import Protocol
from uuid import UUID


class KnownUsers(Protocol):
    """Who goes by which username: notifications' own copy of identity's users, kept from its
    events, so resolving a mention never asks identity."""

    async def record(self, user_id: UUID, username: str) -> None:
        """The user's username as it is now, replacing the one recorded before."""
        ...

    async def ids_of(self, usernames: Collection[str]) -> dict[str, UUID]:
        """The users going by those of `usernames` that someone goes by."""
        ...
