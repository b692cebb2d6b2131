"""How identity compares names people type."""

from kernel.text import normalised


def search_key(text: str) -> str:
    """What a name is searched by: case-insensitive, so "Zoë" is found as "zoË" or "ZOË"."""
    return normalised(text).casefold()
