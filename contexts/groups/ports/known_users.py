from collections.abc import Collection
from typing import Protocol
from uuid import UUID


class KnownUsers(Protocol):
    """Groups' own record of which users exist, kept from identity's registrations.

    Groups never asks identity, so it works while identity is away; the price is that a user
    who just registered is unknown here for a moment, until their registration arrives.
    """

    async def add(self, user_id: UUID) -> None:
        """Record that `user_id` exists; recording a known user again changes nothing."""
        ...

    async def unknown_among(self, user_ids: Collection[UUID]) -> set[UUID]:
        """Those of `user_ids` that are not known to exist."""
        ...
