"""What a notification shows of a message: its start, on one line."""

import unicodedata
from collections.abc import Sequence

PREVIEW_MAX_LENGTH = 100
"""In code points, the ellipsis of a shortened preview included."""

_ELLIPSIS = "…"
_ZERO_WIDTH_JOINER = "\u200d"
_MARKS = frozenset({"Mn", "Mc", "Me"})
"""Unicode's categories of marks (accents, vowel signs, ...), which belong to the character before."""
_MODIFIERS = frozenset(map(chr, [*range(0xFE00, 0xFE10), *range(0x1F3FB, 0x1F400)]))
"""Variation selectors and skin tones, which change the emoji (or character) before them."""
_MIN_WORDS_LENGTH = PREVIEW_MAX_LENGTH // 2
"""A preview is cut after its last whole word unless that leaves less than this: a very long
word is cut inside instead."""


_FILES = "📎 "
"""Before the filenames that preview a message of files alone."""


def preview_of(body: str, attachment_names: Sequence[str] = ()) -> str:
    """The body with each run of white space (line breaks too) as one space, and shortened to at
    most PREVIEW_MAX_LENGTH with an ellipsis: after a whole word where one ends late enough, and
    never inside a character built of several code points (an accent, an emoji sequence).
    A message of files alone, with no body, is previewed by their names."""
    text = " ".join(body.split()) or (_FILES + ", ".join(attachment_names) if attachment_names else "")
    if len(text) <= PREVIEW_MAX_LENGTH:
        return text
    end = PREVIEW_MAX_LENGTH - len(_ELLIPSIS)
    word_end = text.rfind(" ", 0, end + 1)
    if word_end >= _MIN_WORDS_LENGTH:
        end = word_end
    while end > 0 and not _is_character_boundary(text, end):
        end -= 1
    return text[:end].rstrip() + _ELLIPSIS


def _is_character_boundary(text: str, index: int) -> bool:
    """Whether cutting `text` before `index` keeps whole the character that ends there; cheap
    rather than complete (Unicode's grapheme rules know more cases, flags among them)."""
    following, preceding = text[index], text[index - 1]
    return not (
        unicodedata.category(following) in _MARKS
        or following in _MODIFIERS
        or _ZERO_WIDTH_JOINER in (following, preceding)
    )
