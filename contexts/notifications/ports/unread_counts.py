from typing import Protocol
from uuid import UUID


class UnreadCounts(Protocol):
    """How many unread notifications each user has, kept beside them so that reading the count
    costs one row whatever the number of notifications.

    Whoever changes notifications changes the count in the same unit of work, by what really
    changed: the count and the notifications are committed together, and stay equal.
    """

    async def add(self, user_id: UUID, change: int) -> None:
        """Add `change` (negative: take away) to the user's count, which starts at 0."""
        ...

    async def of(self, user_id: UUID) -> int: ...
