"""A username: the unique, public handle a person signs in with and is mentioned by (`@name`)."""

import re
from dataclasses import dataclass
from typing import Self

from kernel.errors import InvalidValueError
from kernel.mentions import EVERYONE

USERNAME_MIN_LENGTH = 3
USERNAME_MAX_LENGTH = 32
USERNAME_PATTERN = r"^[a-z0-9_.-]+$"
"""Lower-case only, so that one spelling names one person and a mention cannot be mistyped by case."""

_ALLOWED = re.compile(USERNAME_PATTERN)


@dataclass(frozen=True)
class Username:
    value: str

    def __post_init__(self) -> None:
        if not USERNAME_MIN_LENGTH <= len(self.value) <= USERNAME_MAX_LENGTH:
            raise InvalidValueError(
                "username", f"must be {USERNAME_MIN_LENGTH} to {USERNAME_MAX_LENGTH} characters long"
            )
        if not _ALLOWED.fullmatch(self.value):
            raise InvalidValueError(
                "username", "may contain only lower-case letters a-z, digits and the characters _ . -"
            )

    @classmethod
    def chosen(cls, value: str) -> Self:
        """A username someone signs up with: none of the names that mention everyone (`@all`), which
        would make everyone's mention of them a mention of everyone. Only a new name is refused, so an
        account that had one before they were reserved still loads and signs in."""
        if value in EVERYONE:
            raise InvalidValueError("username", f"is reserved: @{value} mentions everyone in a group")
        return cls(value)

    @classmethod
    def typed_at_sign_in(cls, typed: str) -> Self | None:
        """The account name someone typed to sign in, in any case; None when no account can have it."""
        try:
            return cls(typed.lower())
        except InvalidValueError:
            return None

    def __str__(self) -> str:
        return self.value
