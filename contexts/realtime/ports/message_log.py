from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID


@dataclass(frozen=True)
class LoggedMessage:
    conversation_id: UUID
    seq: int
    message: Mapping[str, Any]
    """In the published language, as its frames carry it."""


class MessageLog(Protocol):
    """Every message as messaging last published it, by conversation and `seq`: what a resume replays."""

    async def record(self, messages: Sequence[LoggedMessage]) -> None:
        """Store or replace each message at its (`conversation_id`, `seq`), all at once; of two for the
        same place, the later in `messages` stays. A redelivery changes nothing."""
        ...

    async def after(self, conversation_id: UUID, seq: int, limit: int) -> Sequence[Mapping[str, Any]]:
        """Up to `limit` messages with a greater `seq`, in `seq` order."""
        ...
