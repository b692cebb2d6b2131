"""The password a person chooses. Only its hash is ever kept; this value lives for one request."""

from dataclasses import dataclass, field

from contexts.identity.domain.common_passwords import is_common
from kernel.errors import InvalidValueError
from kernel.text import has_control_characters

PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 128
"""Long enough for passphrases, short enough that hashing one costs a bounded amount of work."""


@dataclass(frozen=True)
class Password:
    """A new password that meets the rules. Signing in checks a typed password as it is, so that
    a rule added later never locks anyone out of an account created before it."""

    value: str = field(repr=False)

    def __post_init__(self) -> None:
        if not PASSWORD_MIN_LENGTH <= len(self.value) <= PASSWORD_MAX_LENGTH:
            raise InvalidValueError(
                "password", f"must be {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} characters long"
            )
        if has_control_characters(self.value):
            raise InvalidValueError("password", "must not contain control characters")
        if is_common(self.value):
            raise InvalidValueError(
                "password", "is one of the most common passwords, which are guessed first: choose another"
            )
