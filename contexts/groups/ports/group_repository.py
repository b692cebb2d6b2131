from collections.abc import Collection
from typing import Protocol
from uuid import UUID

from contexts.groups.domain.group import Group
from contexts.groups.ports.group_listing import GroupListing, ListPosition
from kernel.concurrency import ConcurrentChangeError


class GroupChangedError(ConcurrentChangeError):
    """The group was changed by another transaction after this one read it; nothing was stored.

    This is how two requests changing one group at once are kept from undoing each other.
    """

    def __init__(self) -> None:
        super().__init__("the group was changed by another request at the same time; try again")


class GroupRepository(Protocol):
    async def add(self, group: Group) -> None: ...

    async def save(self, group: Group) -> None:
        """Store the changes made to a group read from this repository.

        Raises GroupChangedError if another transaction stored a change to it since it was read.
        """
        ...

    async def remove(self, group: Group) -> None:
        """Forget a deleted group read from this repository; raises GroupChangedError like `save`."""
        ...

    async def get(self, group_id: UUID) -> Group | None: ...

    async def listed_for(
        self, user_id: UUID, *, after: ListPosition | None, count: int
    ) -> list[GroupListing]:
        """Up to `count` of the groups `user_id` belongs to, oldest first and then by id, from the
        one just after `after` (or from the first)."""
        ...

    async def sharing_a_group_with(self, user_id: UUID, among: Collection[UUID]) -> set[UUID]:
        """Those of `among` who are members of a group `user_id` is a member of: their contacts."""
        ...
