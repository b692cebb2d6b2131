"""Where in file storage an upload's bytes are: its file, and for an image its thumbnail."""

from uuid import UUID


def file_key(upload_id: UUID) -> str:
    return f"uploads/{upload_id}"


def thumbnail_key(upload_id: UUID) -> str:
    return f"thumbnails/{upload_id}"
