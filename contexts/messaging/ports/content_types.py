"""What kind of file an upload is, told from its content: what the client claims is never trusted,
since a file served as the type it claims could be a page that runs scripts."""

from typing import Protocol

SNIFFED_BYTES = 8192
"""How much of the start of a file is enough to tell its type."""

UNKNOWN_TYPE = "application/octet-stream"


class ContentTypes(Protocol):
    def detect(self, head: bytes) -> str:
        """The media type the first `SNIFFED_BYTES` of a file (or all of it, if shorter) show;
        `UNKNOWN_TYPE` when they show none."""
        ...
