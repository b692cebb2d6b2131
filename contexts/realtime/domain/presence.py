"""Whether a user is reachable now: online while they hold at least one live socket."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Self
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

    @classmethod
    def never_seen(cls, user_id: UUID) -> Self:
        """How a user looks who never came online: also how anyone looks to a user they share no
        conversation with, so that asking tells a stranger neither that they exist nor when they
        were about."""
        return cls(user_id, PresenceStatus.OFFLINE, None)
