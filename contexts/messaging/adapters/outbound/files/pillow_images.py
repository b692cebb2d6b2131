"""Images read with Pillow, in a worker thread: decoding is CPU work that would stall the event loop.

Pillow refuses an image over `Image.MAX_IMAGE_PIXELS` only with a warning, up to twice that, and
that limit is the whole process's; so the pixels an image declares are counted here against this
adapter's own limit, before anything is decoded, and Pillow's bomb warning is made an error too.
"""

import asyncio
import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from PIL import Image

from contexts.messaging.ports.images import ImageSize, UnreadableImageError

_DECODED = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/tiff"})
_WEBP_QUALITY = 80

# Set once for the process, not per call: changing warning filters is not safe from threads.
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)


class PillowImages:
    def __init__(self, max_pixels: int) -> None:
        self._max_pixels = max_pixels

    def reads(self, content_type: str) -> bool:
        return content_type in _DECODED

    async def measure(self, file: IO[bytes]) -> ImageSize:
        return await asyncio.to_thread(self._measure, file)

    async def thumbnail(self, file: IO[bytes], max_side: int) -> bytes:
        return await asyncio.to_thread(self._thumbnail, file, max_side)

    def _measure(self, file: IO[bytes]) -> ImageSize:
        with _refusing_unreadable(), self._opened(file) as image:
            size = ImageSize(*image.size)
            image.verify()
        return size

    def _thumbnail(self, file: IO[bytes], max_side: int) -> bytes:
        out = io.BytesIO()
        with _refusing_unreadable(), self._opened(file) as image:
            image.draft("RGB", (max_side, max_side))  # a JPEG decodes at a fraction of its size
            image.thumbnail((max_side, max_side))
            scaled = image if image.mode in ("RGB", "RGBA") else image.convert("RGBA")
            scaled.save(out, "WEBP", quality=_WEBP_QUALITY)
        return out.getvalue()

    def _opened(self, file: IO[bytes]) -> Image.Image:
        file.seek(0)
        image = Image.open(file)
        width, height = image.size
        if width * height > self._max_pixels:
            image.close()
            raise UnreadableImageError(f"The image has more than {self._max_pixels} pixels.")
        return image


@contextmanager
def _refusing_unreadable() -> Iterator[None]:
    """Pillow's decoders answer crafted input with many kinds of error (OSError, SyntaxError,
    ValueError, struct.error, ...), none of which is a fault here: each means the image is unreadable."""
    try:
        yield
    except UnreadableImageError:
        raise
    except Exception as error:
        raise UnreadableImageError(f"The image cannot be read: {error}") from error
