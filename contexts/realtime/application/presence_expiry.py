import asyncio

from contexts.realtime.application.presence_announcer import PresenceAnnouncer
from contexts.realtime.domain.presence import PresenceStatus
from contexts.realtime.ports.presence_store import PresenceStore
from kernel.clock import Clock


class PresenceExpiry:
    """Takes offline the users whose every socket let its presence deadline pass.

    Those are the users of an instance that crashed or lost its network, which cannot say so
    itself. Every instance sweeps; the store answers each lapsed user to one sweep only, so
    each goes offline with one announcement.
    """

    def __init__(
        self, store: PresenceStore, announce: PresenceAnnouncer, clock: Clock, interval_seconds: float
    ) -> None:
        self._store = store
        self._announce = announce
        self._clock = clock
        self._interval_seconds = interval_seconds

    async def run(self) -> None:
        """Sweep every `interval_seconds`, until cancelled."""
        while True:
            await asyncio.sleep(self._interval_seconds)
            await self.sweep()

    async def sweep(self) -> None:
        for user_id in await self._store.expire(self._clock.now()):
            await self._announce(user_id, PresenceStatus.OFFLINE)
