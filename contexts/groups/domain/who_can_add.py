"""Whom a user lets add them to groups: anyone, or only the people they already know from one."""

from enum import StrEnum
from typing import Self

from kernel.errors import InvalidValueError


class WhoCanAdd(StrEnum):
    EVERYONE = "everyone"
    """What a user who never chose has: a group may be given anyone who exists."""
    CONTACTS = "contacts"
    """Only people who share a group with the user; strangers are refused (ADR 23)."""

    @classmethod
    def parse(cls, text: str) -> Self:
        try:
            return cls(text)
        except ValueError:
            raise InvalidValueError("who_can_add_me", "must be one of: everyone, contacts") from None
