"""`@name` in text a person writes: where a mention is, and which names it may stand for.

Every context reads mentions by this one set of rules, so that what one takes for `@username` the
other takes for it too, and `@all` is the same kind of word as `@bob`. Names are 3 to 32 of
`[a-z0-9_.-]`, as usernames are, and a mention matches them in any case (`@Bob` names bob). What
is taken for a mention:
- an `@` that follows a letter, digit, `_`, `.`, `-` or another `@` is part of a word, such as
  the e-mail address `bob@example.com`, and mentions nobody; neither does a name followed by `@`;
- the name runs as far as name characters go, so `@bobby` never mentions bob, nor `@allison` all;
- a name ending in `.` or `-` most likely ends a sentence (`thanks @bob.`): it stands for that
  exact name, or else for the name without them.
"""

import re
from collections.abc import Iterator

EVERYONE = frozenset({"all", "everyone"})
"""The names that mention every participant of a group's conversation rather than one person;
no one may sign up under them."""

_MENTION = re.compile(r"(?<![\w.@-])@([\w.-]++)(?!@)")
"""Possessive, so a name cut short by a following `@` is no mention rather than a shorter one."""
_NAME = re.compile(r"[a-z0-9_.-]{3,32}")
_SENTENCE_PUNCTUATION = ".-"


def mentioned_names(text: str) -> Iterator[tuple[str, ...]]:
    """For each mention in `text`, in order, the names it may stand for, the one typed in full first."""
    for match in _MENTION.finditer(text):
        if spellings := _spellings(match.group(1)):
            yield spellings


def mentions_everyone(text: str) -> bool:
    """Whether `text` mentions `@all` or `@everyone`."""
    return any(EVERYONE.intersection(spellings) for spellings in mentioned_names(text))


def _spellings(typed: str) -> tuple[str, ...]:
    if not typed.isascii():
        return ()
    name = typed.lower()
    candidates = dict.fromkeys((name, name.rstrip(_SENTENCE_PUNCTUATION)))
    return tuple(candidate for candidate in candidates if _NAME.fullmatch(candidate))
