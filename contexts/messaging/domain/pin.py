"""A pin: a participant set a message apart for everyone in its conversation to find again."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

PINS_PER_CONVERSATION = 50
"""The pins a conversation holds at most: the list of pins is read whole, so its cost is bounded."""


@dataclass(frozen=True)
class Pin:
    pinned_by: UUID
    pinned_at: datetime
