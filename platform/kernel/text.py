"""Which characters every context accepts in text that people type, and how it is spelled.

Control characters (NUL, escape sequences, line breaks, ...) and lone surrogates are not text a
person reads: they can disturb whoever displays them, and a lone surrogate cannot even be
stored as UTF-8. Every context refuses them by this one rule, so a name accepted in one
context is never refused in another; a context that does take some (a message body keeps its
newlines) names them.

A name shown to others (a display name, a group's name) must besides show what it holds: see
`check_visible_name`.
"""

import unicodedata

from kernel.errors import InvalidValueError

_NOT_TEXT = frozenset({"Cc", "Cs"})
"""Unicode's categories of control characters and of surrogates."""

_HIDDEN = _NOT_TEXT | {"Cf", "Zl", "Zp"}
"""Besides those, format characters (bidi embeddings, overrides and isolates, zero-width spaces and
joiners, the word joiner, the byte order mark, the soft hyphen, tags, ...) and line and paragraph
separators."""

_FILLERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")
"""Letters and marks that show nothing: the combining grapheme joiner, the Hangul fillers, Khmer's
two invisible vowels and the blank Braille pattern."""

_JOINERS = frozenset("\u200c\u200d")
"""The zero-width non-joiner and joiner: Persian and Indic scripts need them between letters, and
emoji sequences (👩‍💻, 🏳️‍🌈) between symbols."""

_BLACK_FLAG, _CANCEL_TAG = "\U0001f3f4", "\U000e007f"
_SUBDIVISION_FLAGS = tuple(
    _BLACK_FLAG + "".join(chr(0xE0000 + ord(letter)) for letter in region) + _CANCEL_TAG
    for region in ("gbeng", "gbsct", "gbwls")
)
"""The flags of England, Scotland and Wales: the only emoji spelled with tag characters. Tags
anywhere else could carry text no one sees."""


def has_control_characters(text: str, allowed: frozenset[str] = frozenset()) -> bool:
    """Whether `text` holds a control character or a lone surrogate other than those `allowed`."""
    return any(
        unicodedata.category(character) in _NOT_TEXT and character not in allowed for character in text
    )


def check_visible_name(field: str, name: str) -> None:
    """Refuses, as `field`, a name that would show other than it is: one that turns the text after it
    around (a right-to-left override shows "gpj.exe" as "exe.jpg"), hides characters between
    visible ones, or shows nothing at all. A joiner is kept where it joins: between two characters that
    show, or a visible one and a mark (a virama, an emoji's variation selector)."""
    for flag in _SUBDIVISION_FLAGS:
        name = name.replace(flag, _BLACK_FLAG)
    for index, character in enumerate(name):
        if character in _JOINERS:
            if not (0 < index < len(name) - 1 and _inked(name[index - 1]) and _inked(name[index + 1])):
                raise InvalidValueError(
                    field, "may hold a zero-width joiner or non-joiner only between two visible characters"
                )
        elif _hidden(character):
            raise InvalidValueError(
                field,
                f"must not contain invisible or text-turning characters, such as U+{ord(character):04X}",
            )
    if not any(_visible(character) for character in name):
        raise InvalidValueError(field, "must show at least one visible character")


def _hidden(character: str) -> bool:
    return unicodedata.category(character) in _HIDDEN or character in _FILLERS


def _inked(character: str) -> bool:
    """Shows something, or marks the character before it."""
    return not _hidden(character) and not character.isspace()


def _visible(character: str) -> bool:
    """Shows something by itself: not white space, and not a mark, which only changes its neighbour."""
    return _inked(character) and not unicodedata.category(character).startswith("M")


def normalised(text: str) -> str:
    """One spelling per visible text: a precomposed "é" and "e" plus an accent become equal."""
    return unicodedata.normalize("NFC", text)
