"""Files for tests of uploads: images made on the spot, and the ways an image can be bad."""

import io
import struct
import zlib

from PIL import Image


def png(width: int = 400, height: int = 300) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 80, 40)).save(out, "PNG")
    return out.getvalue()


def truncated_png() -> bytes:
    """A PNG cut in half: its header reads well, its pixels do not."""
    out = io.BytesIO()
    Image.radial_gradient("L").save(out, "PNG")
    whole = out.getvalue()
    return whole[: len(whole) // 2]


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG of a few hundred bytes whose header declares `width` x `height` pixels (a decompression
    bomb): a small image with its IHDR chunk rewritten, checksum and all."""
    small = png(8, 8)
    header = struct.pack(">II", width, height) + small[24:29]
    return small[:16] + header + struct.pack(">I", zlib.crc32(b"IHDR" + header)) + small[33:]


EXECUTABLE = b"MZ" + bytes(510)
"""The start of a Windows executable, which is all it takes to be told for one."""
