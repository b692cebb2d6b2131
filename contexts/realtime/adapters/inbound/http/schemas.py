"""The JSON of the presence route."""

from datetime import datetime
from typing import Self
from uuid import UUID

from pydantic import BaseModel, Field

from contexts.realtime.domain.presence import Presence, PresenceStatus


class UserPresence(BaseModel):
    user_id: UUID
    status: PresenceStatus = Field(description="`online` while the user holds at least one socket.")
    last_seen_at: datetime | None = Field(
        description="When one of the user's sockets last showed life; null if none ever did."
    )

    @classmethod
    def of(cls, presence: Presence) -> Self:
        return cls(user_id=presence.user_id, status=presence.status, last_seen_at=presence.last_seen_at)


class PresenceList(BaseModel):
    items: list[UserPresence] = Field(
        description="One per id, in the order asked. Only the caller's contacts (who share a conversation "
        "with them) and the caller are disclosed: any other id is `offline` with `last_seen_at` null, "
        "as an id that belongs to nobody."
    )
