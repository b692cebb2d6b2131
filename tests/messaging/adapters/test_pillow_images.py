"""Images read with Pillow: measured, checked whole, scaled down; and every bad image refused with the
one error the port names, never another."""

import io

import pytest
from PIL import Image

from contexts.messaging.adapters.outbound.files.filetype_content_types import FiletypeContentTypes
from contexts.messaging.adapters.outbound.files.pillow_images import PillowImages
from contexts.messaging.ports.content_types import UNKNOWN_TYPE
from contexts.messaging.ports.images import ImageSize, UnreadableImageError
from tests.messaging.files import EXECUTABLE, bomb_png, png, truncated_png

IMAGES = PillowImages(max_pixels=1_000_000)


async def test_an_image_is_measured_and_scaled_down_to_webp_within_the_side() -> None:
    image = io.BytesIO(png(1000, 400))

    size = await IMAGES.measure(image)
    thumbnail = Image.open(io.BytesIO(await IMAGES.thumbnail(image, 320)))

    assert size == ImageSize(1000, 400)
    assert (thumbnail.format, thumbnail.size) == ("WEBP", (320, 128))


@pytest.mark.parametrize(
    "content",
    [truncated_png(), bomb_png(), bomb_png(1001, 1000), b"\x89PNG\r\n\x1a\n", b"not an image at all"],
    ids=["truncated", "bomb", "just-over-the-limit", "a-signature-alone", "text"],
)
async def test_a_bad_image_is_unreadable_to_measure_and_to_thumbnail(content: bytes) -> None:
    with pytest.raises(UnreadableImageError):
        await IMAGES.measure(io.BytesIO(content))
    with pytest.raises(UnreadableImageError):
        await IMAGES.thumbnail(io.BytesIO(content), 320)


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (png(2, 2), "image/png"),
        (EXECUTABLE, "application/x-msdownload"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', UNKNOWN_TYPE),
        (b"<html></html>", UNKNOWN_TYPE),
    ],
    ids=["png", "exe", "svg", "html"],
)
def test_types_are_told_from_content_and_text_ones_are_unknown(content: bytes, content_type: str) -> None:
    assert FiletypeContentTypes().detect(content) == content_type
