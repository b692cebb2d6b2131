"""The sweeper as the process runs it: a background task of messaging's module over the real
databases and files. It keeps nothing in memory, so it carries on after a restart."""

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from uuid import UUID

import pytest

from contexts.messaging.application.file_keys import file_key, thumbnail_key
from contexts.messaging.container import MessagingContainer
from contexts.messaging.settings import MessagingSettings
from kernel.ids import new_id
from tests.clock import SteppedClock
from tests.eventually import eventually
from tests.messaging.builders import an_upload
from tests.messaging.composition import composed_messaging

RETENTION = timedelta(seconds=MessagingSettings.model_fields["unattached_upload_retention_seconds"].default)


async def _content(content: bytes) -> AsyncIterator[bytes]:
    yield content


async def uploaded(container: MessagingContainer, clock: SteppedClock) -> UUID:
    """A file, with its thumbnail, uploaded now and not posted, as the upload route stores it."""
    upload = an_upload(new_id(), uploaded_at=clock.now())
    for key in (file_key(upload.id), thumbnail_key(upload.id)):
        await container.file_storage().write(key, _content(b"bytes"))
    async with container.unit_of_work() as uow:
        await uow.uploads.add(upload)
        await uow.commit()
    return upload.id


async def upload_exists(container: MessagingContainer, upload_id: UUID) -> bool:
    async with container.unit_of_work() as uow:
        return await uow.uploads.get(upload_id) is not None


async def test_the_sweeper_removes_an_unposted_file_once_old_enough_across_a_restart(
    database_url: str, tmp_path: Path
) -> None:
    clock, files_dir = SteppedClock(), tmp_path / "files"
    async with composed_messaging(database_url, clock=clock, files_dir=files_dir) as (container, _):
        upload_id = await uploaded(container, clock)
        assert await container.upload_sweeper().sweep() == 0
    clock.advance(RETENTION + timedelta(seconds=1))

    async with composed_messaging(database_url, clock=clock, files_dir=files_dir) as (container, _):
        sweeping = container.upload_sweeper().run
        assert sweeping in container.module().background
        running = asyncio.create_task(sweeping())

        async def swept() -> None:
            assert not await upload_exists(container, upload_id)

        try:
            await eventually(swept)
        finally:
            running.cancel()
    assert not [path for path in files_dir.rglob("*") if path.is_file()]


@pytest.mark.parametrize("database_kind", ["postgresql"])  # SQLite has no row locks to pass over
async def test_a_sweep_passes_over_an_upload_a_send_holds_and_takes_it_once_released(
    database_url: str, tmp_path: Path
) -> None:
    clock = SteppedClock()
    async with composed_messaging(database_url, clock=clock, files_dir=tmp_path) as (container, _):
        upload_id = await uploaded(container, clock)
        clock.advance(RETENTION + timedelta(seconds=1))
        async with container.unit_of_work() as sending:
            await sending.uploads.get_for_update([upload_id])

            assert await container.upload_sweeper().sweep() == 0

        assert await container.upload_sweeper().sweep() == 1
        assert not await upload_exists(container, upload_id)
