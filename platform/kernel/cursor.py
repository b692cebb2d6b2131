"""Cursors of paged lists: where the next page starts, handed to the client as an opaque string.

A cursor is the sort key of the last item a page held, so the next page is "the items after
it" in the list's order: an index range, whatever the list's length, and stable while items are
added or removed (an item moved ahead of the cursor is simply not repeated). Clients must not
read it: it is base64url-encoded JSON, so that a list may change its key without a new API.
"""

import base64
import binascii
import json
from uuid import UUID

from kernel.errors import InvalidValueError

Key = tuple[int | str, ...]
"""Integers (which storage keeps in 64 bits) and strings; a UUID is kept as its string."""

_INT64 = range(-(2**63), 2**63)


def cursor_of(key: Key) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def key_of(cursor: str, shape: tuple[type[int] | type[str] | type[UUID], ...]) -> Key:
    """The key a cursor was made from, whose parts must be of the types of `shape`, else
    InvalidValueError: a cursor is only valid for the list that gave it."""
    try:
        decoded = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(decoded, list) or len(decoded) != len(shape):
            raise ValueError(cursor)
        return tuple(_part(part, kind) for part, kind in zip(decoded, shape, strict=True))
    except (binascii.Error, ValueError) as error:
        raise not_a_cursor() from error


def not_a_cursor() -> InvalidValueError:
    """What a list answers to a cursor it did not give."""
    return InvalidValueError("cursor", "not a cursor of this list; start again without one")


def _part(part: object, kind: type) -> int | str:
    if kind is int and type(part) is int and part in _INT64:
        return part
    if kind is str and isinstance(part, str):
        return part
    if kind is UUID and isinstance(part, str):
        return str(UUID(part))
    raise ValueError(part)
