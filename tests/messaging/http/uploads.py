"""Uploads stored as the upload route stores them, for tests of what messages do with them."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from uuid import UUID

from contexts.messaging.application.file_keys import file_key
from tests.api import User
from tests.messaging.builders import an_upload
from tests.messaging.composition import composed_messaging


async def _content() -> AsyncIterator[bytes]:
    yield b"\x89PNG..."


async def uploaded(data_dir: Path, user: User, filename: str = "cat.png") -> dict[str, Any]:
    """An image `user` uploaded to the monolith serving `data_dir`, as `POST /api/v1/uploads` answers it."""
    upload = an_upload(UUID(user.id), filename)
    async with composed_messaging(
        f"sqlite+aiosqlite:///{data_dir}/messaging.db", files_dir=data_dir / "files"
    ) as (container, _):
        await container.file_storage().write(file_key(upload.id), _content())
        async with container.unit_of_work() as uow:
            await uow.uploads.add(upload)
            await uow.commit()
    return {
        "id": str(upload.id),
        "filename": upload.filename,
        "content_type": upload.content_type,
        "size": upload.size,
        "width": upload.width,
        "height": upload.height,
    }
