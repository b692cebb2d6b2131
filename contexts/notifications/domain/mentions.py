"""`@username` in a message body: which users it names.

Usernames are 3 to 32 of `[a-z0-9_.-]`, and a mention matches them in any case (`@Bob` names
bob). What is taken for a mention:
- an `@` that follows a letter, digit, `_`, `.`, `-` or another `@` is part of a word, such as
  the e-mail address `bob@example.com`, and mentions nobody; neither does a name followed by `@`;
- the name runs as far as username characters go, so `@bobby` never mentions bob;
- a name ending in `.` or `-` most likely ends a sentence (`thanks @bob.`): it mentions the
  user of that exact name if there is one, else the name without them.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Self
from uuid import UUID

_MENTION = re.compile(r"(?<![\w.@-])@([\w.-]++)(?!@)")
"""Possessive, so a name cut short by a following `@` is no mention rather than a shorter one."""
_USERNAME = re.compile(r"[a-z0-9_.-]{3,32}")
_SENTENCE_PUNCTUATION = ".-"


@dataclass(frozen=True)
class Mentions:
    spellings: tuple[tuple[str, ...], ...]
    """For each mention, the usernames it may stand for, the one typed in full first."""

    @classmethod
    def in_body(cls, body: str) -> Self:
        found = (_spellings(match.group(1)) for match in _MENTION.finditer(body))
        return cls(tuple(spellings for spellings in found if spellings))

    @property
    def usernames(self) -> frozenset[str]:
        """Every username the mentions may stand for: what to look up."""
        return frozenset(name for spellings in self.spellings for name in spellings)

    def of(self, user_ids: Mapping[str, UUID]) -> frozenset[UUID]:
        """The users mentioned, given the ids of those of `usernames` that belong to someone."""
        mentioned = (
            next((user_ids[n] for n in spellings if n in user_ids), None) for spellings in self.spellings
        )
        return frozenset(user_id for user_id in mentioned if user_id is not None)


def _spellings(typed: str) -> tuple[str, ...]:
    if not typed.isascii():
        return ()
    name = typed.lower()
    candidates = dict.fromkeys((name, name.rstrip(_SENTENCE_PUNCTUATION)))
    return tuple(candidate for candidate in candidates if _USERNAME.fullmatch(candidate))
