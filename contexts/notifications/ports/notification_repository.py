from datetime import datetime
from typing import Protocol
from uuid import UUID

from contexts.notifications.domain.notification import Notification


class NotificationRepository(Protocol):
    """Each user's notifications. Reading one changes it with a single conditional write, so of
    two requests reading it at once exactly one is told it was unread."""

    async def add(self, notification: Notification) -> bool:
        """Store it unless one with its id is stored already; answers whether it was stored."""
        ...

    async def get(self, recipient_id: UUID, notification_id: UUID) -> Notification | None:
        """None for an unknown id, and for another user's notification alike."""
        ...

    async def newest(self, recipient_id: UUID, *, unread_only: bool, limit: int) -> list[Notification]:
        """At most `limit` of the recipient's notifications, newest first."""
        ...

    async def mark_read(self, recipient_id: UUID, notification_id: UUID, at: datetime) -> bool:
        """Mark it read at `at`, if it is the recipient's and unread; answers whether it was."""
        ...

    async def mark_all_read(self, recipient_id: UUID, at: datetime) -> int:
        """Mark every unread notification of the recipient read; answers how many were."""
        ...

    async def withdraw_unread(self, message_id: UUID) -> list[UUID]:
        """Forget the unread notifications of a message; answers their recipients, one per
        notification forgotten. Read ones stay: their recipient has seen them."""
        ...
