"""The contract of FileStorage, on each adapter: a directory, and a bucket on a real S3 endpoint."""

import os
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path
from uuid import uuid4

import pytest
from aiobotocore.session import AioSession

from contexts.messaging.adapters.outbound.files.local_file_storage import LocalFileStorage
from contexts.messaging.adapters.outbound.files.s3_file_storage import PART_BYTES, S3FileStorage
from contexts.messaging.container import MessagingContainer
from contexts.messaging.ports.file_storage import FileNotInStorageError, FileStorage
from contexts.messaging.settings import MessagingSettings
from kernel.clock import SystemClock

KEY = f"uploads/{uuid4()}"
LARGE = 12 * 1024 * 1024
"""Over two parts of an S3 multipart upload, and not a whole number of them."""
CHUNK = 64 * 1024


class ChunksFailedError(Exception):
    pass


@pytest.fixture
def s3_session() -> AioSession:
    """Any credentials do for the test endpoint; a deployment's come from the environment."""
    session = AioSession()
    session.set_credentials("test", "test")
    return session


@pytest.fixture
async def bucket(s3_session: AioSession, s3_endpoint_url: str) -> str:
    name = f"files-{uuid4().hex}"
    async with s3_session.create_client("s3", endpoint_url=s3_endpoint_url, region_name="us-east-1") as s3:
        await s3.create_bucket(Bucket=name)
    return name


@pytest.fixture
def local_file_storage(tmp_path: Path) -> LocalFileStorage:
    return LocalFileStorage(tmp_path / "files")


@pytest.fixture
async def s3_file_storage(
    s3_session: AioSession, s3_endpoint_url: str, bucket: str
) -> AsyncIterator[S3FileStorage]:
    storage = S3FileStorage(s3_session, bucket, endpoint_url=s3_endpoint_url, region="us-east-1")
    yield storage
    await storage.close()


@pytest.fixture(params=["local", "s3"])
def storage(request: pytest.FixtureRequest) -> FileStorage:
    of_the_kind: FileStorage = request.getfixturevalue(f"{request.param}_file_storage")
    return of_the_kind


async def test_a_file_reads_back_as_written(storage: FileStorage) -> None:
    assert await storage.write(KEY, chunks(b"hello, ", b"world")) == 12
    assert await contents(storage, KEY) == b"hello, world"


async def test_an_empty_file_reads_back_empty(storage: FileStorage) -> None:
    assert await storage.write(KEY, chunks()) == 0
    assert await contents(storage, KEY) == b""


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (7, None, b"world"),
        (0, 5, b"hello"),
        (7, 9, b"wo"),
        (7, 100, b"world"),
        (12, None, b""),
        (50, None, b""),
        (3, 3, b""),
    ],
)
async def test_a_range_reads_from_start_up_to_end(
    storage: FileStorage, start: int, end: int | None, expected: bytes
) -> None:
    await storage.write(KEY, chunks(b"hello, world"))
    assert await contents(storage, KEY, start=start, end=end) == expected


@pytest.mark.parametrize(("start", "end"), [(0, None), (5, None), (0, 5), (3, 3)])
async def test_reading_a_missing_file_raises(storage: FileStorage, start: int, end: int | None) -> None:
    with pytest.raises(FileNotInStorageError):
        await contents(storage, f"uploads/{uuid4()}", start=start, end=end)


async def test_a_write_replaces_the_file_under_its_key(storage: FileStorage) -> None:
    await storage.write(KEY, chunks(b"the first, longer file"))
    await storage.write(KEY, chunks(b"the second"))
    assert await contents(storage, KEY) == b"the second"


async def test_a_deleted_file_is_gone_and_deleting_it_again_changes_nothing(storage: FileStorage) -> None:
    await storage.write(KEY, chunks(b"bytes"))
    await storage.delete(KEY)
    await storage.delete(KEY)
    with pytest.raises(FileNotInStorageError):
        await contents(storage, KEY)


async def test_a_large_file_written_in_small_chunks_reads_back_whole_and_in_ranges(
    storage: FileStorage,
) -> None:
    data = os.urandom(LARGE)
    written = chunks(*(data[offset : offset + CHUNK] for offset in range(0, LARGE, CHUNK)))
    assert await storage.write(KEY, written) == LARGE
    assert await contents(storage, KEY) == data
    across_a_part = (PART_BYTES - 10, PART_BYTES + 10)
    assert (
        await contents(storage, KEY, start=across_a_part[0], end=across_a_part[1])
        == data[slice(*across_a_part)]
    )


async def test_a_write_whose_chunks_fail_leaves_no_file(storage: FileStorage) -> None:
    with pytest.raises(ChunksFailedError):
        await storage.write(KEY, failing_after(PART_BYTES + CHUNK))
    with pytest.raises(FileNotInStorageError):
        await contents(storage, KEY)


async def test_a_write_whose_chunks_fail_leaves_the_file_before_it(storage: FileStorage) -> None:
    await storage.write(KEY, chunks(b"kept"))
    with pytest.raises(ChunksFailedError):
        await storage.write(KEY, failing_after(CHUNK))
    assert await contents(storage, KEY) == b"kept"


@pytest.mark.parametrize(
    "key",
    [
        "../outside",
        "uploads/../../outside",
        "/etc/passwd",
        "uploads/.hidden",
        "uploads\\..\\outside",
        "",
        "uploads/",
    ],
)
async def test_a_key_that_could_leave_the_storage_is_refused(storage: FileStorage, key: str) -> None:
    with pytest.raises(ValueError, match="not a storage key"):
        await storage.write(key, chunks(b"bytes"))
    with pytest.raises(ValueError, match="not a storage key"):
        await contents(storage, key)
    with pytest.raises(ValueError, match="not a storage key"):
        await storage.delete(key)


async def test_a_failed_local_write_leaves_nothing_in_the_directory(
    local_file_storage: LocalFileStorage, tmp_path: Path
) -> None:
    with pytest.raises(ChunksFailedError):
        await local_file_storage.write(KEY, failing_after(CHUNK))
    assert list((tmp_path / "files" / "uploads").iterdir()) == []


async def test_a_failed_s3_write_leaves_no_multipart_upload(
    s3_file_storage: S3FileStorage, s3_session: AioSession, s3_endpoint_url: str, bucket: str
) -> None:
    with pytest.raises(ChunksFailedError):
        await s3_file_storage.write(KEY, failing_after(2 * PART_BYTES))
    async with s3_session.create_client("s3", endpoint_url=s3_endpoint_url, region_name="us-east-1") as s3:
        assert (await s3.list_multipart_uploads(Bucket=bucket)).get("Uploads", []) == []


async def test_messaging_keeps_files_in_a_directory_unless_a_bucket_is_named(
    tmp_path: Path, local_file_storage: LocalFileStorage
) -> None:
    container = messaging(tmp_path, files_dir=tmp_path / "files")
    await container.file_storage().write(KEY, chunks(b"bytes"))
    await container.module().close()
    assert await contents(local_file_storage, KEY) == b"bytes"


async def test_messaging_keeps_files_in_the_bucket_its_settings_name_with_the_standard_credentials(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    s3_endpoint_url: str,
    bucket: str,
    s3_file_storage: S3FileStorage,
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    container = messaging(
        tmp_path, files_dir=tmp_path / "files", files_s3_bucket=bucket, files_s3_endpoint_url=s3_endpoint_url
    )
    await container.file_storage().write(KEY, chunks(b"bytes"))
    await container.module().close()
    assert await contents(s3_file_storage, KEY) == b"bytes"
    assert not (tmp_path / "files").exists()


def messaging(tmp_path: Path, **settings: object) -> MessagingContainer:
    return MessagingContainer(
        settings=MessagingSettings.model_validate(
            {"messaging_database_url": f"sqlite+aiosqlite:///{tmp_path}/messaging.db", **settings}
        ),
        clock=SystemClock(),
    )


async def chunks(*parts: bytes) -> AsyncIterable[bytes]:
    for part in parts:
        yield part


async def failing_after(size: int) -> AsyncIterable[bytes]:
    for _ in range(0, size, CHUNK):
        yield bytes(CHUNK)
    raise ChunksFailedError


async def contents(storage: FileStorage, key: str, *, start: int = 0, end: int | None = None) -> bytes:
    return b"".join([chunk async for chunk in storage.read(key, start=start, end=end)])
