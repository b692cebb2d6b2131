"""What people type to find each other: the start of a username or of a display name."""

from dataclasses import dataclass

from contexts.identity.domain.search_key import search_key
from kernel.errors import InvalidValueError
from kernel.text import has_control_characters

NAME_PREFIX_MIN_LENGTH = 1
NAME_PREFIX_MAX_LENGTH = 64
"""No name is longer than a display name, so a longer prefix could never match."""


@dataclass(frozen=True)
class NamePrefix:
    value: str

    def __post_init__(self) -> None:
        if not NAME_PREFIX_MIN_LENGTH <= len(self.value) <= NAME_PREFIX_MAX_LENGTH:
            raise InvalidValueError(
                "q", f"must be {NAME_PREFIX_MIN_LENGTH} to {NAME_PREFIX_MAX_LENGTH} characters long"
            )
        if has_control_characters(self.value):
            raise InvalidValueError("q", "must not contain control characters")

    @property
    def search_key(self) -> str:
        """Compared with usernames and with display names' search keys."""
        return search_key(self.value)
