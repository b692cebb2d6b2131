"""Where the bytes of uploaded files live: a directory on a laptop, object storage in a deployment.

Files are written once under a key and never changed; a key is opaque to storage. The port
streams both ways, so no file is ever held whole in memory.
"""

from collections.abc import AsyncIterable, AsyncIterator
from typing import Protocol


class FileNotInStorageError(Exception):
    """No file is stored under the key."""


class FileStorage(Protocol):
    async def write(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        """Store the chunks, in order, as the file under `key`, replacing any file there; answer its
        size. The file appears whole or not at all: a reader never sees part of it."""
        ...

    def read(self, key: str, *, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        """The bytes of the file under `key` from `start` up to, not including, `end` (None: its end),
        in chunks; raises FileNotInStorageError, on the first iteration, when there is none."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the file under `key`; removing a missing file changes nothing."""
        ...
