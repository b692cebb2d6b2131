from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Row, delete, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.messaging.adapters.outbound.sqlalchemy.tables import uploads
from contexts.messaging.domain.thumbnail_state import ThumbnailState
from contexts.messaging.domain.upload import Upload


class SqlAlchemyUploadRepository:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def add(self, upload: Upload) -> None:
        await self._db.execute(
            insert(uploads).values(
                id=upload.id,
                uploader_id=upload.uploader_id,
                filename=upload.filename,
                content_type=upload.content_type,
                size=upload.size,
                width=upload.width,
                height=upload.height,
                uploaded_at=upload.uploaded_at,
                **_changing(upload),
            )
        )

    async def save(self, upload: Upload) -> None:
        await self._db.execute(update(uploads).where(uploads.c.id == upload.id).values(**_changing(upload)))

    async def get(self, upload_id: UUID) -> Upload | None:
        row = (await self._db.execute(select(uploads).where(uploads.c.id == upload_id))).first()
        return None if row is None else _upload(row)

    async def get_for_update(self, upload_ids: Sequence[UUID]) -> list[Upload]:
        if not upload_ids:
            return []
        rows = await self._db.execute(
            # Locked in one order whatever the request's, so two sends never wait on each other.
            select(uploads).where(uploads.c.id.in_(upload_ids)).order_by(uploads.c.id).with_for_update()
        )
        found = {row.id: _upload(row) for row in rows}
        return [found[upload_id] for upload_id in upload_ids if upload_id in found]

    async def of_message(self, message_id: UUID) -> list[Upload]:
        rows = await self._db.execute(
            select(uploads).where(uploads.c.message_id == message_id).order_by(uploads.c.id).with_for_update()
        )
        return [_upload(row) for row in rows]

    async def to_sweep(self, *, unattached_before: datetime, limit: int) -> list[Upload]:
        rows = await self._db.execute(
            select(uploads)
            .where(
                or_(
                    uploads.c.discarded_at.is_not(None),
                    uploads.c.message_id.is_(None) & (uploads.c.uploaded_at < unattached_before),
                )
            )
            .limit(limit)
            # Two sweepers (one per replica) take different rows, and neither waits on a send.
            .with_for_update(skip_locked=True)
        )
        return [_upload(row) for row in rows]

    async def awaiting_thumbnail(self, *, limit: int) -> list[Upload]:
        rows = await self._db.execute(
            select(uploads)
            .where((uploads.c.thumbnail == ThumbnailState.PENDING) & uploads.c.discarded_at.is_(None))
            .order_by(uploads.c.uploaded_at)
            .limit(limit)
        )
        return [_upload(row) for row in rows]

    async def remove(self, upload_id: UUID) -> None:
        await self._db.execute(delete(uploads).where(uploads.c.id == upload_id))


def _changing(upload: Upload) -> dict[str, Any]:
    return {
        "message_id": upload.message_id,
        "conversation_id": upload.conversation_id,
        "discarded_at": upload.discarded_at,
        "thumbnail": upload.thumbnail,
    }


def _upload(row: Row[Any]) -> Upload:
    return Upload(
        row.id,
        row.uploader_id,
        row.filename,
        row.content_type,
        row.size,
        row.width,
        row.height,
        row.uploaded_at,
        message_id=row.message_id,
        conversation_id=row.conversation_id,
        discarded_at=row.discarded_at,
        thumbnail=None if row.thumbnail is None else ThumbnailState(row.thumbnail),
    )
