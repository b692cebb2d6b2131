"""Where a `message.created` frame stands in its conversation's order on one socket.

A socket must see each conversation's messages as `seq` 1, 2, 3, ... with none missing and none
repeated, yet live frames can come twice (an event delivered again) or never (a frame lost
between instances). Remembering the highest `seq` delivered per conversation is enough to tell
them apart: at or below it, the frame was delivered already; beyond the next one, some are
missing before it.
"""

from collections.abc import Mapping
from enum import Enum
from typing import Any
from uuid import UUID


class Placement(Enum):
    NEXT = "next"
    """Deliver it: it follows the last one delivered, or starts the conversation on this socket."""
    DELIVERED = "delivered"
    """Drop it: the socket has had it."""
    AFTER_GAP = "after_gap"
    """Deliver the missing ones first."""


class DeliveredSeqs:
    """A socket's delivered `seq` per conversation; it starts empty, so a socket's first message
    of a conversation is taken as it comes: a client that does not resume asked for nothing older."""

    def __init__(self) -> None:
        self._highest: dict[UUID, int] = {}

    def place(self, conversation_id: UUID, seq: int) -> Placement:
        highest = self._highest.get(conversation_id)
        if highest is None or seq == highest + 1:
            return Placement.NEXT
        return Placement.DELIVERED if seq <= highest else Placement.AFTER_GAP

    def highest(self, conversation_id: UUID) -> int | None:
        return self._highest.get(conversation_id)

    def deliver(self, conversation_id: UUID, seq: int) -> None:
        self._highest[conversation_id] = max(seq, self._highest.get(conversation_id, seq))

    def resume(self, conversation_id: UUID, last_seen: int) -> int:
        """The client says it has shown everything up to `last_seen`; answers the `seq` to replay
        after: theirs, or what this socket delivered since if that is further."""
        self.deliver(conversation_id, last_seen)
        return self._highest[conversation_id]


def position(message: Mapping[str, Any]) -> tuple[UUID, int]:
    """A message's conversation and `seq`, read from the Message object its frames carry."""
    return UUID(message["conversation_id"]), int(message["seq"])
