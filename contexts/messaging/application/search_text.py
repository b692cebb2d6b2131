"""What a person types to search messages, read as words, "quoted phrases" and `from:@username`.

Reading never fails on what was typed, only on what it leaves: nothing to search for, or more
than a search may cost. A word is a run of letters and digits (anything else separates words, as
the search index's tokenizers do), in lower case, so `Hello, World!` searches `hello` and
`world`. A quote opens a phrase that the next quote closes, or the end of the text if none does,
so a half-typed `"see you` is the phrase `see you`; a phrase of one word is that word.
`from:@alice` keeps the messages of whoever goes by `alice`; several keep any of theirs.
"""

import re
from dataclasses import dataclass

from kernel.errors import InvalidValueError

SEARCH_TEXT_MAX_LENGTH = 200
TERMS_MAX = 16
"""The words (each word of a phrase too) and `from:@username`s a search may hold: each costs the
index a lookup."""

_WORD = re.compile(r"[^\W_]+")
_FROM = re.compile(r"from:@(\S+)", re.IGNORECASE)


@dataclass(frozen=True)
class SearchText:
    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    usernames: tuple[str, ...]
    """Of `from:@username`, as typed but in lower case: whether anyone goes by them is for the
    search to find out."""


def search_text(typed: str) -> SearchText:
    """`typed` read as a search, else InvalidValueError on `q`."""
    if len(typed) > SEARCH_TEXT_MAX_LENGTH:
        raise InvalidValueError("q", f"at most {SEARCH_TEXT_MAX_LENGTH} characters")
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    usernames: list[str] = []
    # Split at quotes, the parts inside them are the odd ones, an unclosed one's to the end too.
    for part, text in enumerate(typed.lower().split('"')):
        if part % 2:
            phrase = tuple(_WORD.findall(text))
            if len(phrase) > 1:
                phrases.append(phrase)
            else:
                words.extend(phrase)
            continue
        for token in text.split():
            if named := _FROM.fullmatch(token):
                usernames.append(named.group(1))
            else:
                words.extend(_WORD.findall(token))
    read = SearchText(
        words=tuple(dict.fromkeys(words)),
        phrases=tuple(dict.fromkeys(phrases)),
        usernames=tuple(dict.fromkeys(usernames)),
    )
    terms = len(read.words) + sum(map(len, read.phrases)) + len(read.usernames)
    if terms == 0:
        raise InvalidValueError("q", 'nothing to search for: type words, "a phrase" or from:@username')
    if terms > TERMS_MAX:
        raise InvalidValueError("q", f"at most {TERMS_MAX} words and from:@username in one search")
    return read
