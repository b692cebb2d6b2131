from collections.abc import Collection
from datetime import datetime
from typing import Protocol
from uuid import UUID

from contexts.realtime.domain.presence import Presence


class PresenceStore(Protocol):
    """Which sockets (connections) each user holds, shared by every realtime instance.

    A connection stays counted until `disconnect` or until its presence deadline, `ttl` after its
    latest `connect`, passes, so the users of an instance that crashed go offline by themselves. Every
    method says whether it changed a user's status, so exactly one caller announces each change.
    """

    async def connect(self, user_id: UUID, *, connection_id: UUID, now: datetime) -> bool:
        """Count the connection until `ttl` after `now`, or renew it (a heartbeat); True if the user
        was offline until now, also when `expire` had dropped this very connection: a socket whose
        process stalled past its deadline comes back online, and is announced again."""
        ...

    async def disconnect(self, user_id: UUID, *, connection_id: UUID, now: datetime) -> bool:
        """Forget the connection; True if it was the user's last one, so they are offline now."""
        ...

    async def expire(self, now: datetime) -> list[UUID]:
        """Forget connections whose heartbeat lapsed; answers the users this took offline."""
        ...

    async def presence(self, user_ids: Collection[UUID], now: datetime) -> list[Presence]:
        """Each user's presence, in the order asked."""
        ...
