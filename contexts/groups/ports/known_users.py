from collections.abc import Collection
from typing import Protocol
from uuid import UUID

from contexts.groups.domain.who_can_add import WhoCanAdd


class KnownUsers(Protocol):
    """Groups' own record of which users exist, kept from identity's registrations, and of whom
    each lets add them to groups.

    Groups never asks identity, so it works while identity is away; the price is that a user
    who just registered is unknown here for a moment, until their registration arrives.
    """

    async def add(self, user_id: UUID) -> None:
        """Record that `user_id` exists; recording a known user again changes nothing."""
        ...

    async def unknown_among(self, user_ids: Collection[UUID]) -> set[UUID]:
        """Those of `user_ids` that are not known to exist."""
        ...

    async def who_can_add(self, user_ids: Collection[UUID]) -> dict[UUID, WhoCanAdd]:
        """The choice of each of `user_ids`: EVERYONE for those who never made one."""
        ...

    async def choose_who_can_add(self, user_id: UUID, choice: WhoCanAdd) -> None:
        """Record `user_id`'s choice, and that they exist: their access token vouches for them
        even before their registration arrives."""
        ...
