"""Files passing through a use case on their way to or from storage, a chunk at a time.

A file is held in memory while small and moved to a temporary file on disk as it grows, so one
that is large never is in memory whole; reading and writing it runs in worker threads."""

import asyncio
import tempfile
from collections.abc import AsyncIterable, AsyncIterator
from contextlib import asynccontextmanager
from typing import IO

CHUNK_BYTES = 64 * 1024
_IN_MEMORY_BYTES = 1024 * 1024


async def chunks_of(file: IO[bytes]) -> AsyncIterator[bytes]:
    """The file's bytes from its start."""
    await asyncio.to_thread(file.seek, 0)
    while chunk := await asyncio.to_thread(file.read, CHUNK_BYTES):
        yield chunk


@asynccontextmanager
async def spooled(chunks: AsyncIterable[bytes]) -> AsyncIterator[IO[bytes]]:
    """A temporary file holding the chunks, removed on leaving the context."""
    with tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY_BYTES) as file:
        async for chunk in chunks:
            await asyncio.to_thread(file.write, chunk)
        yield file
