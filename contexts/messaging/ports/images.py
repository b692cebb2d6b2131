"""Reading images: their size, and a thumbnail of them. Decoding runs off the event loop, and refuses
what it cannot read rather than fail: an image is input from anyone, and can be made corrupt, or
small on the wire but huge once decoded (a decompression bomb)."""

from dataclasses import dataclass
from typing import IO, Protocol


class UnreadableImageError(Exception):
    """The file is not an image that can be decoded whole, or it has more pixels than are allowed."""


@dataclass(frozen=True)
class ImageSize:
    width: int
    height: int


class Images(Protocol):
    def reads(self, content_type: str) -> bool:
        """Whether images of this type are decoded here; a file of another type is no image to them."""
        ...

    async def measure(self, file: IO[bytes]) -> ImageSize:
        """Check the image's structure, which finds one cut short or corrupt, and answer its size,
        without decoding its pixels; raises UnreadableImageError."""
        ...

    async def thumbnail(self, file: IO[bytes], max_side: int) -> bytes:
        """The image decoded and scaled down to at most `max_side` pixels on its longer side, as
        WebP; raises UnreadableImageError."""
        ...
