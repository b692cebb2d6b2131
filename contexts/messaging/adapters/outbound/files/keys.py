"""The keys storage accepts: `uploads/<id>`, `thumbnails/<id>` and the like.

A key names a file under a directory or a prefix, so one that could climb out of it (`..`, an
absolute path, a backslash) or collide with a file in the making (a dot first) is refused
before it reaches the disk or the bucket: it can only be a bug, never a missing file.
"""

import re

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)+")


def checked_key(key: str) -> str:
    """The key, once known to be folders and a name of letters, digits, `.`, `_` and `-`, none of
    them starting with a dot; else ValueError."""
    if _KEY.fullmatch(key) is None:
        raise ValueError(f"not a storage key: {key!r}")
    return key
