"""Files under one directory of this machine: the monolith's default, and a single machine's."""

import asyncio
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path

from contexts.messaging.ports.file_storage import FileNotInStorageError


class LocalFileStorage:
    def __init__(self, directory: Path) -> None:
        self._directory = directory

    async def write(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        content = b"".join([chunk async for chunk in chunks])
        path = self._directory / key
        await asyncio.to_thread(path.parent.mkdir, mode=0o700, parents=True, exist_ok=True)
        await asyncio.to_thread(path.write_bytes, content)
        return len(content)

    async def read(self, key: str, *, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        try:
            content = await asyncio.to_thread((self._directory / key).read_bytes)
        except FileNotFoundError as missing:
            raise FileNotInStorageError(key) from missing
        yield content[start:end]

    async def delete(self, key: str) -> None:
        await asyncio.to_thread((self._directory / key).unlink, missing_ok=True)
