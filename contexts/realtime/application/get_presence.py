from collections.abc import Sequence
from uuid import UUID

from contexts.realtime.domain.presence import Presence
from contexts.realtime.ports.presence_store import PresenceStore
from kernel.clock import Clock


class GetPresence:
    def __init__(self, store: PresenceStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def __call__(self, user_ids: Sequence[UUID]) -> list[Presence]:
        """Each user's presence, in the order asked."""
        return await self._store.presence(user_ids, self._clock.now())
