"""Presence in this process's memory: right for the monolith, which holds every socket itself.

A user is online while their set of connections is not empty. Only `disconnect` and `expire`
empty it, each in one step with no await, so whichever empties it is the one that answers.
"""

from collections.abc import Collection
from datetime import datetime, timedelta
from uuid import UUID

from contexts.realtime.domain.presence import Presence, PresenceStatus


class InMemoryPresenceStore:
    def __init__(self, ttl: timedelta) -> None:
        self._ttl = ttl
        self._deadlines: dict[UUID, dict[UUID, datetime]] = {}
        """Per user, when each of their connections lapses unless renewed first."""
        self._last_seen: dict[UUID, datetime] = {}

    async def connect(self, user_id: UUID, *, connection_id: UUID, now: datetime) -> bool:
        self._see(user_id, now)
        connections = self._deadlines.setdefault(user_id, {})
        was_offline = not connections
        connections[connection_id] = now + self._ttl
        return was_offline

    async def disconnect(self, user_id: UUID, *, connection_id: UUID, now: datetime) -> bool:
        self._see(user_id, now)
        connections = self._deadlines.get(user_id)
        if connections is None:
            return False
        connections.pop(connection_id, None)
        for lapsed in [connection for connection, deadline in connections.items() if deadline <= now]:
            del connections[lapsed]
        if connections:
            return False
        del self._deadlines[user_id]
        return True

    async def expire(self, now: datetime) -> list[UUID]:
        gone = [
            user_id for user_id, connections in self._deadlines.items() if max(connections.values()) <= now
        ]
        for user_id in gone:
            del self._deadlines[user_id]
        return gone

    async def presence(self, user_ids: Collection[UUID], now: datetime) -> list[Presence]:
        return [
            Presence(
                user_id,
                PresenceStatus.ONLINE
                if any(deadline > now for deadline in self._deadlines.get(user_id, {}).values())
                else PresenceStatus.OFFLINE,
                self._last_seen.get(user_id),
            )
            for user_id in user_ids
        ]

    def _see(self, user_id: UUID, now: datetime) -> None:
        """Keep the latest time: instances' clocks differ, and their calls may arrive out of order."""
        seen = self._last_seen.get(user_id)
        if seen is None or now > seen:
            self._last_seen[user_id] = now
