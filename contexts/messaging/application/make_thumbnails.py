import asyncio
import logging
from collections.abc import AsyncIterator, Callable

from contexts.messaging.application.file_keys import file_key, thumbnail_key
from contexts.messaging.application.spooled_file import spooled
from contexts.messaging.domain.upload import THUMBNAIL_MAX_SIDE, Upload
from contexts.messaging.ports.file_storage import FileNotInStorageError, FileStorage
from contexts.messaging.ports.images import Images, UnreadableImageError
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork

log = logging.getLogger(__name__)

_BATCH = 20


class MakeThumbnails:
    """Makes the thumbnails of uploaded images, off the request path.

    What is still to be made is the uploads' own state, so the work survives a restart: a worker
    picks up every image whose thumbnail is pending. Each replica runs one; two may make the same
    thumbnail at once, which writes the same bytes twice and does no harm. An image that turns out
    unreadable only marks its thumbnail failed."""

    def __init__(
        self,
        unit_of_work: Callable[[], MessagingUnitOfWork],
        storage: FileStorage,
        images: Images,
        interval_seconds: float,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._storage = storage
        self._images = images
        self._interval_seconds = interval_seconds

    async def run(self) -> None:
        """Make what is pending, then look again every `interval_seconds`, until cancelled."""
        while True:
            if not await self.make_pending():
                await asyncio.sleep(self._interval_seconds)

    async def make_pending(self) -> int:
        """Make the thumbnails of a batch of pending images; answers how many were pending."""
        async with self._unit_of_work() as uow:
            pending = await uow.uploads.awaiting_thumbnail(limit=_BATCH)
        for upload in pending:
            await self._settle(upload, made=await self._made(upload))
        return len(pending)

    async def _made(self, upload: Upload) -> bool:
        try:
            async with spooled(self._storage.read(file_key(upload.id))) as file:
                thumbnail = await self._images.thumbnail(file, THUMBNAIL_MAX_SIDE)
        except (UnreadableImageError, FileNotInStorageError) as error:
            log.warning("no thumbnail for upload %s: %s", upload.id, error)
            return False
        await self._storage.write(thumbnail_key(upload.id), _once(thumbnail))
        return True

    async def _settle(self, upload: Upload, *, made: bool) -> None:
        async with self._unit_of_work() as uow:
            for held in await uow.uploads.get_for_update([upload.id]):
                if made:
                    held.thumbnail_made()
                else:
                    held.thumbnail_failed()
                await uow.uploads.save(held)
            await uow.commit()


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data
