"""Uploads stored as the upload route stores them, for tests of what messages do with them."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self
from uuid import UUID

from contexts.messaging.application.file_keys import file_key
from tests.api import User
from tests.messaging.builders import an_upload
from tests.messaging.composition import composed_messaging


@dataclass(frozen=True)
class FilesOfMessaging:
    """Where a running messaging keeps uploads: its database, and its files' directory."""

    database_url: str
    files_dir: Path

    @classmethod
    def of_monolith(cls, data_dir: Path) -> Self:
        """Of a monolith on the embedded defaults under `data_dir`."""
        return cls(f"sqlite+aiosqlite:///{data_dir}/messaging.db", data_dir / "files")


async def _content() -> AsyncIterator[bytes]:
    yield b"\x89PNG..."


async def uploaded(messaging: FilesOfMessaging, user: User, filename: str = "cat.png") -> dict[str, Any]:
    """An image `user` uploaded, as `POST /api/v1/uploads` answers it."""
    upload = an_upload(UUID(user.id), filename)
    async with composed_messaging(messaging.database_url, files_dir=messaging.files_dir) as (container, _):
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
