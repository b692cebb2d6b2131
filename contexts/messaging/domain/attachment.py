"""An attachment: a file as the message it was posted with shows it."""

from dataclasses import dataclass
from uuid import UUID

ATTACHMENTS_PER_MESSAGE = 10
"""The files one message carries at most."""


@dataclass(frozen=True)
class Attachment:
    id: UUID
    """The upload's id: `GET /api/v1/uploads/{id}` serves the file."""
    filename: str
    content_type: str
    """Detected from the file's content, never taken from the client."""
    size: int
    """In bytes."""
    width: int | None
    """In pixels, for an image; None for any other file."""
    height: int | None
