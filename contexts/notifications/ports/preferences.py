from collections.abc import Collection
from typing import Protocol
from uuid import UUID


class Preferences(Protocol):
    """Which conversations each user muted. Any conversation id is taken: notifications cannot
    tell whether a conversation exists or who takes part, and must not disclose it either."""

    async def set_muted(self, user_id: UUID, conversation_id: UUID, muted: bool) -> None: ...

    async def muted_among(self, conversation_id: UUID, user_ids: Collection[UUID]) -> set[UUID]:
        """Those of `user_ids` who muted the conversation."""
        ...
