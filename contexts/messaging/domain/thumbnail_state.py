from enum import StrEnum


class ThumbnailState(StrEnum):
    """Where an image's thumbnail is: made off the request path, so an upload answers at once and
    the worker that makes them picks up after a restart where it stopped."""

    PENDING = "pending"
    """Still to be made."""
    MADE = "made"
    FAILED = "failed"
    """The image could not be read after all: clients show the file itself."""
