from collections.abc import AsyncIterator, Callable
from uuid import UUID

from contexts.messaging.application.file_keys import file_key, thumbnail_key
from contexts.messaging.domain.thumbnail_state import ThumbnailState
from contexts.messaging.domain.upload import Upload
from contexts.messaging.ports.file_storage import FileNotInStorageError, FileStorage
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.errors import NotFoundError


class UploadNotFoundError(NotFoundError):
    """Also the answer for a file the reader may not read, so that others' files stay undisclosed."""

    def __init__(self) -> None:
        super().__init__("No such upload.")


class ReadUpload:
    """Serves a file to those who may read it: its uploader, and once it is posted the participants of
    its conversation as they are now (the write side's, so a removed member loses it at once)."""

    def __init__(self, unit_of_work: Callable[[], MessagingUnitOfWork], storage: FileStorage) -> None:
        self._unit_of_work = unit_of_work
        self._storage = storage

    async def __call__(self, reader_id: UUID, upload_id: UUID, *, thumbnail: bool = False) -> Upload:
        """The upload, if `reader_id` may read it (and with `thumbnail`, if its thumbnail is made)."""
        async with self._unit_of_work() as uow:
            upload = await uow.uploads.get(upload_id)
            if upload is None:
                raise UploadNotFoundError()
            participant_ids: frozenset[UUID] = frozenset()
            if upload.conversation_id is not None:
                conversation = await uow.conversations.get(upload.conversation_id)
                if conversation is not None:
                    participant_ids = conversation.participant_ids
        if not upload.may_be_read_by(reader_id, participant_ids):
            raise UploadNotFoundError()
        if thumbnail and upload.thumbnail is not ThumbnailState.MADE:
            raise NotFoundError("The upload has no thumbnail (yet).")
        return upload

    async def chunks(
        self, upload: Upload, *, thumbnail: bool = False, start: int = 0, end: int | None = None
    ) -> AsyncIterator[bytes]:
        """The bytes of an upload `__call__` answered, from `start` up to, not including, `end`.

        The first chunk is read before this answers, so a file gone from storage (swept a moment
        ago) is not found before a response has begun."""
        key = thumbnail_key(upload.id) if thumbnail else file_key(upload.id)
        chunks = aiter(self._storage.read(key, start=start, end=end))
        try:
            first = await anext(chunks, b"")
        except FileNotInStorageError as error:
            raise UploadNotFoundError() from error
        return _then(first, chunks)


async def _then(first: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    yield first
    async for chunk in rest:
        yield chunk
