"""Files in a directory of this machine: the embedded default, under DATA_DIR/files.

A file is written to a temporary name beside its place and renamed there, so a reader never sees
part of one. Disk work runs in worker threads, a chunk at a time."""

import asyncio
import os
import tempfile
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path

from contexts.messaging.ports.file_storage import FileNotInStorageError

_CHUNK_BYTES = 64 * 1024


class LocalFileStorage:
    def __init__(self, root: Path) -> None:
        self._root = root

    async def write(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        path = self._path(key)
        await asyncio.to_thread(path.parent.mkdir, mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = await asyncio.to_thread(tempfile.mkstemp, dir=path.parent)
        size = 0
        try:
            with os.fdopen(descriptor, "wb") as file:
                async for chunk in chunks:
                    await asyncio.to_thread(file.write, chunk)
                    size += len(chunk)
            await asyncio.to_thread(os.replace, temporary, path)
        except BaseException:
            await asyncio.to_thread(Path(temporary).unlink, missing_ok=True)
            raise
        return size

    async def read(self, key: str, *, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        try:
            file = await asyncio.to_thread(self._path(key).open, "rb")
        except FileNotFoundError as error:
            raise FileNotInStorageError(key) from error
        with file:
            await asyncio.to_thread(file.seek, start)
            left = None if end is None else end - start
            while left is None or left > 0:
                chunk = await asyncio.to_thread(
                    file.read, _CHUNK_BYTES if left is None else min(left, _CHUNK_BYTES)
                )
                if not chunk:
                    return
                if left is not None:
                    left -= len(chunk)
                yield chunk

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, missing_ok=True)

    def _path(self, key: str) -> Path:
        return self._root / key
