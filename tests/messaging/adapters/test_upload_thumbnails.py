"""The upload repository's part in making thumbnails: which images await one, and that what became of
it is kept; on SQLite, on PostgreSQL and in the application tests' fake."""

from datetime import UTC, datetime, timedelta

from contexts.messaging.domain.thumbnail_state import ThumbnailState
from contexts.messaging.domain.upload import Upload
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.messaging.adapters.conftest import UnitOfWorkFactory

pytestmark = ALSO_ON_THE_FAKE

START = datetime(2026, 12, 8, tzinfo=UTC)


def an_upload(minutes: int, thumbnail: ThumbnailState | None) -> Upload:
    return Upload(
        new_id(),
        new_id(),
        "a.png",
        "image/png",
        10,
        2,
        2,
        START + timedelta(minutes=minutes),
        thumbnail=thumbnail,
    )


async def test_images_await_their_thumbnail_oldest_first_until_it_is_made_or_failed(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    later, earlier, other = (
        an_upload(2, ThumbnailState.PENDING),
        an_upload(1, ThumbnailState.PENDING),
        an_upload(0, None),
    )
    discarded = an_upload(0, ThumbnailState.PENDING)
    discarded.discard(START)
    async with unit_of_work() as uow:
        for upload in (later, earlier, other, discarded):
            await uow.uploads.add(upload)
        await uow.commit()

    async with unit_of_work() as uow:
        awaiting = [upload.id for upload in await uow.uploads.awaiting_thumbnail(limit=10)]
        assert [upload.id for upload in await uow.uploads.awaiting_thumbnail(limit=1)] == [earlier.id]
        (held,) = await uow.uploads.get_for_update([earlier.id])
        held.thumbnail_made()
        await uow.uploads.save(held)
        (held,) = await uow.uploads.get_for_update([later.id])
        held.thumbnail_failed()
        await uow.uploads.save(held)
        await uow.commit()

    assert awaiting == [earlier.id, later.id]
    async with unit_of_work() as uow:
        assert await uow.uploads.awaiting_thumbnail(limit=10) == []
        made, failed = await uow.uploads.get(earlier.id), await uow.uploads.get(later.id)
        assert made is not None
        assert failed is not None
        assert (made.thumbnail, failed.thumbnail) == (ThumbnailState.MADE, ThumbnailState.FAILED)
