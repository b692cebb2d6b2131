"""Removes the files nobody will read: those of deleted messages, and uploads never posted.

It keeps nothing in memory: what to remove is what the uploads table says may go now, so a
restart, or a crash mid-sweep, loses nothing. Each file leaves storage before its row leaves
the table, in the transaction that holds the row, so a crash in between only repeats work
(removing a missing file changes nothing), a send cannot attach a file being removed, and no
file outlives the row that names it.
"""

import asyncio
from collections.abc import Callable
from datetime import timedelta

from contexts.messaging.application.file_keys import file_key, thumbnail_key
from contexts.messaging.ports.file_storage import FileStorage
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.clock import Clock

SWEEP_BATCH = 100
"""Uploads removed per transaction: a batch holds its rows while it removes their files."""


class UploadSweeper:
    def __init__(
        self,
        unit_of_work: Callable[[], MessagingUnitOfWork],
        storage: FileStorage,
        clock: Clock,
        *,
        retention_seconds: float,
        interval_seconds: float,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._storage = storage
        self._clock = clock
        self._retention = timedelta(seconds=retention_seconds)
        self._interval_seconds = interval_seconds

    async def run(self) -> None:
        """Sweep every `interval_seconds`, until cancelled."""
        while True:
            await self.sweep()
            await asyncio.sleep(self._interval_seconds)

    async def sweep(self) -> int:
        """Remove what may go now, in batches; answer how many uploads went."""
        removed = 0
        while True:
            async with self._unit_of_work() as uow:
                uploads = await uow.uploads.to_sweep(
                    unattached_before=self._clock.now() - self._retention, limit=SWEEP_BATCH
                )
                for upload in uploads:
                    await self._storage.delete(file_key(upload.id))
                    await self._storage.delete(thumbnail_key(upload.id))
                    await uow.uploads.remove(upload.id)
                await uow.commit()
            removed += len(uploads)
            if len(uploads) < SWEEP_BATCH:
                return removed
