"""Whether a user is reachable now: online while they hold at least one live socket."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class PresenceStatus(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"


@dataclass(frozen=True)
class Presence:
    user_id: UUID
    status: PresenceStatus
    last_seen_at: datetime | None
    """When one of their sockets last showed life; None for a user never seen online."""
