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
    revision: int
    """How far along its life the message is (messaging's contracts/revisions.py)."""


class MessageLog(Protocol):
    """Every message at its latest known state, by conversation and `seq`: what a resume replays."""

    async def record(self, messages: Sequence[LoggedMessage]) -> None:
        """Store each message at its (`conversation_id`, `seq`), all at once, unless a higher revision
        of it is stored; of two for the same place, the higher revision stays (the later in
        `messages` if they tie). A redelivery changes nothing, and neither does an older telling
        arriving after a newer one: a deleted message stays deleted."""
        ...

    async def after(self, conversation_id: UUID, seq: int, limit: int) -> Sequence[Mapping[str, Any]]:
        """Up to `limit` messages with a greater `seq`, in `seq` order."""
        ...

    async def newest_seq(self, conversation_id: UUID) -> int:
        """The greatest `seq` logged for the conversation; 0 if none is."""
        ...
