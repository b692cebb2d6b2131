import asyncio
from collections.abc import Callable, Collection
from typing import IO
from uuid import UUID

from contexts.messaging.application.file_keys import file_key
from contexts.messaging.application.spooled_file import chunks_of
from contexts.messaging.domain.attachment import Attachment
from contexts.messaging.domain.thumbnail_state import ThumbnailState
from contexts.messaging.domain.upload import Upload, filename_of
from contexts.messaging.ports.content_types import SNIFFED_BYTES, ContentTypes
from contexts.messaging.ports.file_storage import FileStorage
from contexts.messaging.ports.images import Images, UnreadableImageError
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.clock import Clock
from kernel.errors import ContentTooLargeError, InvalidValueError, UnsupportedContentTypeError
from kernel.ids import new_id


class UploadFile:
    """Stores a file someone means to post, once it is known to be one the system takes: not too
    large, not of a refused type, and for an image one that can be read, whose thumbnail is then
    made in the background (`MakeThumbnails`).

    The file is in storage before its row is committed, so no upload ever names missing bytes."""

    def __init__(
        self,
        unit_of_work: Callable[[], MessagingUnitOfWork],
        clock: Clock,
        storage: FileStorage,
        content_types: ContentTypes,
        images: Images,
        *,
        max_bytes: int,
        types_denied: Collection[str],
    ) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._storage = storage
        self._content_types = content_types
        self._images = images
        self._max_bytes = max_bytes
        self._types_denied = frozenset(denied.strip() for denied in types_denied)

    async def __call__(self, uploader_id: UUID, *, filename: str, file: IO[bytes]) -> Attachment:
        """`file`: the whole file as it arrived, spooled, which is read from its start."""
        size = await asyncio.to_thread(file.seek, 0, 2)
        if size > self._max_bytes:
            raise ContentTooLargeError(f"The file is larger than {self._max_bytes} bytes.")
        if size == 0:
            raise InvalidValueError("file", "The file is empty.")
        await asyncio.to_thread(file.seek, 0)
        content_type = self._content_types.detect(await asyncio.to_thread(file.read, SNIFFED_BYTES))
        if content_type in self._types_denied:
            raise UnsupportedContentTypeError(f"Files of type {content_type} are not taken.")
        width = height = thumbnail = None
        if self._images.reads(content_type):
            try:
                image = await self._images.measure(file)
            except UnreadableImageError as error:
                raise InvalidValueError("file", str(error)) from error
            width, height, thumbnail = image.width, image.height, ThumbnailState.PENDING
        upload = Upload(
            new_id(),
            uploader_id,
            filename_of(filename),
            content_type,
            size,
            width,
            height,
            self._clock.now(),
            thumbnail=thumbnail,
        )
        await self._storage.write(file_key(upload.id), chunks_of(file))
        async with self._unit_of_work() as uow:
            await uow.uploads.add(upload)
            await uow.commit()
        return upload.as_attachment()
