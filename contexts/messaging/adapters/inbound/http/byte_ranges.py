"""The `Range` header of a file's download (RFC 9110, section 14), in the one unit files are served
in: bytes. One range is served as asked; a header of several, or one that cannot be read, is
answered with the whole file, which the RFC allows and which spares multipart answers."""

import re
from dataclasses import dataclass

from fastapi import HTTPException

_ONE_RANGE = re.compile(r"bytes=(?P<first>[0-9]*)-(?P<last>[0-9]*)")


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int
    """Not included: the range's length is `end - start`."""

    def content_range(self, size: int) -> str:
        return f"bytes {self.start}-{self.end - 1}/{size}"


def byte_range(header: str | None, size: int) -> ByteRange | None:
    """The range of a file of `size` bytes that `header` asks for; None for the whole file. One that
    starts past the file's end is refused with a 416 problem that gives the file's size."""
    asked = None if header is None else _ONE_RANGE.fullmatch(header.strip())
    if asked is None or asked["first"] == asked["last"] == "":
        return None
    if asked["first"] == "":
        suffix = int(asked["last"])
        if suffix == 0:
            raise _unsatisfiable(size)
        return ByteRange(max(size - suffix, 0), size)
    start = int(asked["first"])
    if asked["last"] != "" and int(asked["last"]) < start:
        return None
    if start >= size:
        raise _unsatisfiable(size)
    return ByteRange(start, size if asked["last"] == "" else min(int(asked["last"]) + 1, size))


def _unsatisfiable(size: int) -> HTTPException:
    return HTTPException(
        416,
        f"The range asked for is not within the file's {size} bytes.",
        {"Content-Range": f"bytes */{size}"},
    )
