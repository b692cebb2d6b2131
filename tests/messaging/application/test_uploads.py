"""Uploading a file, reading it back, and its thumbnail made in the background, on fakes."""

import io
from dataclasses import dataclass
from uuid import UUID

import pytest

from contexts.messaging.application.make_thumbnails import MakeThumbnails
from contexts.messaging.application.read_upload import ReadUpload, UploadNotFoundError
from contexts.messaging.application.upload_file import UploadFile
from contexts.messaging.domain.thumbnail_state import ThumbnailState
from kernel.errors import ContentTooLargeError, InvalidValueError, NotFoundError, UnsupportedContentTypeError
from kernel.ids import new_id
from tests.messaging.application.conftest import Messaging
from tests.messaging.application.fakes import (
    FAKE_IMAGE_TYPE,
    FakeContentTypes,
    FakeFileStorage,
    FakeImages,
    FakeMessagingUnitOfWork,
    fake_image,
)

MAX_BYTES = 100


@dataclass
class Files:
    messaging: Messaging
    storage: FakeFileStorage
    upload_file: UploadFile
    read_upload: ReadUpload
    make_thumbnails: MakeThumbnails

    async def uploaded(self, uploader_id: UUID, content: bytes, filename: str = "a.bin") -> UUID:
        return (await self.upload_file(uploader_id, filename=filename, file=io.BytesIO(content))).id

    async def read(self, reader_id: UUID, upload_id: UUID, *, thumbnail: bool = False) -> bytes:
        upload = await self.read_upload(reader_id, upload_id, thumbnail=thumbnail)
        return b"".join([chunk async for chunk in await self.read_upload.chunks(upload, thumbnail=thumbnail)])


@pytest.fixture
def files(messaging: Messaging) -> Files:
    storage, images = FakeFileStorage(), FakeImages()

    def unit_of_work() -> FakeMessagingUnitOfWork:
        return FakeMessagingUnitOfWork(messaging.database)

    return Files(
        messaging,
        storage,
        UploadFile(
            unit_of_work,
            messaging.clock,
            storage,
            FakeContentTypes(),
            images,
            max_bytes=MAX_BYTES,
            types_denied=["application/x-msdownload"],
        ),
        ReadUpload(unit_of_work, storage),
        MakeThumbnails(unit_of_work, storage, images, interval_seconds=1),
    )


async def test_an_image_is_stored_measured_and_awaits_its_thumbnail(files: Files) -> None:
    alice = new_id()

    attachment = await files.upload_file(
        alice, filename="C:\\photos\\cat.png", file=io.BytesIO(fake_image(4, 3))
    )

    stored = files.messaging.database.uploads[attachment.id]
    assert (attachment.filename, attachment.content_type, attachment.size) == (
        "cat.png",
        FAKE_IMAGE_TYPE,
        len(fake_image(4, 3)),
    )
    assert (attachment.width, attachment.height, stored.thumbnail) == (4, 3, ThumbnailState.PENDING)
    assert (stored.uploader_id, stored.uploaded_at) == (alice, files.messaging.clock.now())
    assert files.storage.files == {f"uploads/{attachment.id}": fake_image(4, 3)}


async def test_another_file_has_no_size_in_pixels_and_no_thumbnail(files: Files) -> None:
    upload_id = await files.uploaded(new_id(), b"some notes")

    stored = files.messaging.database.uploads[upload_id]
    assert (stored.content_type, stored.width, stored.thumbnail) == ("application/octet-stream", None, None)


@pytest.mark.parametrize(
    ("content", "refusal"),
    [
        (bytes(MAX_BYTES + 1), ContentTooLargeError),
        (b"", InvalidValueError),
        (b"MZ" + bytes(10), UnsupportedContentTypeError),
        (b"IMG cut sho", InvalidValueError),
    ],
    ids=["too-large", "empty", "denied-type", "unreadable-image"],
)
async def test_a_file_refused_is_stored_nowhere(
    files: Files, content: bytes, refusal: type[Exception]
) -> None:
    with pytest.raises(refusal):
        await files.uploaded(new_id(), content)

    assert (files.storage.files, files.messaging.database.uploads) == ({}, {})


async def test_the_uploader_reads_an_unposted_file_and_nobody_else_does(files: Files) -> None:
    alice, bob, _ = await files.messaging.direct_conversation()
    upload_id = await files.uploaded(alice, b"0123456789")

    assert await files.read(alice, upload_id) == b"0123456789"
    with pytest.raises(UploadNotFoundError):
        await files.read(bob, upload_id)  # who shares a conversation with alice, where it is not posted
    with pytest.raises(UploadNotFoundError):
        await files.read(alice, new_id())


async def test_once_posted_the_participants_read_it_until_its_message_is_deleted(files: Files) -> None:
    alice, bob, conversation_id = await files.messaging.direct_conversation()
    upload_id = await files.uploaded(alice, b"0123456789")
    upload = files.messaging.database.uploads[upload_id]
    upload.attach_to(new_id(), conversation_id, by=alice)

    upload_read = await files.read_upload(bob, upload_id)
    part = [chunk async for chunk in await files.read_upload.chunks(upload_read, start=2, end=5)]
    with pytest.raises(UploadNotFoundError):
        await files.read(new_id(), upload_id)
    upload.discard(files.messaging.clock.now())
    with pytest.raises(UploadNotFoundError):
        await files.read(alice, upload_id)

    assert part == [b"234"]


async def test_a_file_gone_from_storage_is_not_found_before_any_byte_is_served(files: Files) -> None:
    alice = new_id()
    upload_id = await files.uploaded(alice, b"0123456789")
    files.storage.files.clear()

    upload = await files.read_upload(alice, upload_id)
    with pytest.raises(UploadNotFoundError):
        await files.read_upload.chunks(upload)


async def test_thumbnails_are_made_for_pending_images_and_an_unreadable_one_fails_alone(files: Files) -> None:
    alice = new_id()
    first, second = (
        await files.uploaded(alice, fake_image(640, 480)),
        await files.uploaded(alice, fake_image(2, 2)),
    )
    with pytest.raises(NotFoundError):
        await files.read(alice, first, thumbnail=True)
    files.storage.files[f"uploads/{second}"] = b"IMG corrupt since"

    pending = await files.make_thumbnails.make_pending()
    again = await files.make_thumbnails.make_pending()

    uploads = files.messaging.database.uploads
    assert (pending, again) == (2, 0)
    assert (uploads[first].thumbnail, uploads[second].thumbnail) == (
        ThumbnailState.MADE,
        ThumbnailState.FAILED,
    )
    assert await files.read(alice, first, thumbnail=True) == b"thumbnail of 640x480 within 320"
    with pytest.raises(NotFoundError):
        await files.read(alice, second, thumbnail=True)
