from collections.abc import Collection
from typing import Protocol
from uuid import UUID


class Preferences(Protocol):
    """Which conversations each user muted. Any conversation id is taken: answering otherwise
    for a conversation that does not exist, or that the user takes no part in, would disclose
    whether it exists."""

    async def set_muted(self, user_id: UUID, conversation_id: UUID, *, muted: bool) -> None: ...

    async def muted_among(self, conversation_id: UUID, user_ids: Collection[UUID]) -> set[UUID]:
        """Those of `user_ids` who muted the conversation."""
        ...
