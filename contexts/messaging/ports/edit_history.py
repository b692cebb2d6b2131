from typing import Protocol
from uuid import UUID

from contexts.messaging.domain.earlier_body import EarlierBody

LISTED_EARLIER_BODIES = 100
"""The earlier bodies a message's edit history lists at most: its latest ones. Edits are limited
in rate, not in number, so the answer is bounded here."""


class EditHistory(Protocol):
    """The bodies each message's edits replaced, on the write side: erased with the message, in the
    transaction that deletes it (docs/adr/0032-edit-history.md)."""

    async def append(self, message_id: UUID, earlier: EarlierBody) -> None:
        """Add the body an edit of the message just replaced, after those before it."""
        ...

    async def of(self, message_id: UUID, *, count: int) -> list[EarlierBody]:
        """The latest `count` earlier bodies of the message, in the order of the edits (oldest first)."""
        ...

    async def erase(self, message_id: UUID) -> None:
        """Forget every earlier body of the message."""
        ...
