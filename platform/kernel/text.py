"""Which characters every context accepts in text that people type, and how it is spelled.

Control characters (NUL, escape sequences, line breaks, ...) and lone surrogates are not text a
person reads: they can disturb whoever displays them, and a lone surrogate cannot even be
stored as UTF-8. Every context refuses them by this one rule, so a name accepted in one
context is never refused in another; a context that does take some (a message body keeps its
newlines) names them.
"""

import unicodedata

_NOT_TEXT = frozenset({"Cc", "Cs"})
"""Unicode's categories of control characters and of surrogates."""


def has_control_characters(text: str, allowed: frozenset[str] = frozenset()) -> bool:
    """Whether `text` holds a control character or a lone surrogate other than those `allowed`."""
    return any(
        unicodedata.category(character) in _NOT_TEXT and character not in allowed for character in text
    )


def normalised(text: str) -> str:
    """One spelling per visible text: a precomposed "é" and "e" plus an accent become equal."""
    return unicodedata.normalize("NFC", text)
