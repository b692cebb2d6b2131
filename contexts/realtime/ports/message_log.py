from collections.abc import Mapping, Sequence
from typing import Any, Protocol
from uuid import UUID


class MessageLog(Protocol):
    """Every message as messaging last published it, by conversation and `seq`: what a resume replays."""

    async def record(self, conversation_id: UUID, seq: int, message: Mapping[str, Any]) -> None:
        """Store or replace the message at (`conversation_id`, `seq`): a redelivery changes nothing."""
        ...

    async def after(self, conversation_id: UUID, seq: int, limit: int) -> Sequence[Mapping[str, Any]]:
        """Up to `limit` messages with a greater `seq`, in `seq` order."""
        ...
