from collections.abc import Collection
from typing import Protocol
from uuid import UUID


class ThreadFollowers(Protocol):
    """Who follows each thread: its root's sender and everyone who replied in it. Notifications'
    own copy, told by messaging's replies, which name their root's sender (ADR 25's way: a
    consumer keeps the copy it needs rather than ask)."""

    async def follow(self, root_id: UUID, user_ids: Collection[UUID]) -> None:
        """They follow the thread of `root_id` from now on; following it again changes nothing."""
        ...

    async def of(self, root_id: UUID) -> frozenset[UUID]:
        """Who follows the thread of `root_id`; nobody for a thread not heard of."""
        ...
