"""`@username` in a message body: which users it names, by the kernel's rules of what a mention
is (kernel/mentions.py)."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Self
from uuid import UUID

from kernel.mentions import mentioned_names


@dataclass(frozen=True)
class Mentions:
    spellings: tuple[tuple[str, ...], ...]
    """For each mention, the usernames it may stand for, the one typed in full first."""

    @classmethod
    def in_body(cls, body: str) -> Self:
        return cls(tuple(mentioned_names(body)))

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
