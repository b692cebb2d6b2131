"""Files under one directory of this machine: the monolith's default, and a single machine's.

Each file is written to a hidden file beside its final place, flushed to disk, then renamed
over it: a rename within a directory is atomic, so a reader sees the old file, the new one, or
none, never a part. A write that fails removes its hidden file.

Disk calls run in threads (`asyncio.to_thread`) rather than through a file library, which would
do the same with a dependency more; one call per chunk keeps a slow disk from stalling the loop.
"""

import asyncio
import math
import os
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path
from typing import BinaryIO
from uuid import uuid4

from contexts.messaging.adapters.outbound.files.keys import checked_key
from contexts.messaging.ports.file_storage import FileNotInStorageError

READ_CHUNK_BYTES = 64 * 1024


class LocalFileStorage:
    def __init__(self, directory: Path) -> None:
        self._directory = directory

    async def write(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        path = self._path(key)
        partial = path.with_name(f".{path.name}.{uuid4().hex}.partial")
        file = await asyncio.to_thread(_create, partial)
        size = 0
        try:
            async for chunk in chunks:
                await asyncio.to_thread(file.write, chunk)
                size += len(chunk)
            await asyncio.to_thread(_move_into_place, file, partial, path)
        except BaseException:
            await asyncio.to_thread(_discard, file, partial)
            raise
        return size

    async def read(self, key: str, *, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        path = self._path(key)
        try:
            file = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError as missing:
            raise FileNotInStorageError(key) from missing
        try:
            await asyncio.to_thread(file.seek, start)
            left = math.inf if end is None else end - start
            while left > 0:
                chunk = await asyncio.to_thread(file.read, int(min(left, READ_CHUNK_BYTES)))
                if not chunk:
                    return
                left -= len(chunk)
                yield chunk
        finally:
            await asyncio.to_thread(file.close)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, missing_ok=True)

    def _path(self, key: str) -> Path:
        return self._directory / checked_key(key)


def _create(partial: Path) -> BinaryIO:
    """Owner-only, as everything under DATA_DIR."""
    partial.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def _move_into_place(file: BinaryIO, partial: Path, path: Path) -> None:
    """On disk before the rename, so that a crash leaves the old file or the whole new one."""
    file.flush()
    os.fsync(file.fileno())
    file.close()
    partial.replace(path)


def _discard(file: BinaryIO, partial: Path) -> None:
    file.close()
    partial.unlink(missing_ok=True)
