"""The name a person shows to others; free text, unlike the username, and changeable at will."""

from dataclasses import dataclass
from typing import Self

from contexts.identity.domain.search_key import search_key
from kernel.errors import InvalidValueError
from kernel.text import check_visible_name, has_control_characters, normalised

DISPLAY_NAME_MIN_LENGTH = 1
DISPLAY_NAME_MAX_LENGTH = 64


@dataclass(frozen=True)
class DisplayName:
    value: str

    def __post_init__(self) -> None:
        if self.value != self.value.strip():
            raise InvalidValueError("display_name", "must not begin or end with white space")
        if not DISPLAY_NAME_MIN_LENGTH <= len(self.value) <= DISPLAY_NAME_MAX_LENGTH:
            raise InvalidValueError(
                "display_name",
                f"must be {DISPLAY_NAME_MIN_LENGTH} to {DISPLAY_NAME_MAX_LENGTH} characters long"
                " after surrounding white space is removed",
            )
        if has_control_characters(self.value):
            raise InvalidValueError("display_name", "must not contain control characters")

    @classmethod
    def parse(cls, typed: str) -> Self:
        """A name being chosen. Surrounding white space is dropped, and every way of typing the same
        text is stored the same. It must show what it holds; checked here, not when a stored name is
        loaded, so that a name chosen before that rule still loads."""
        name = cls(normalised(typed.strip()))
        check_visible_name("display_name", name.value)
        return name

    @property
    def search_key(self) -> str:
        return search_key(self.value)

    def __str__(self) -> str:
        return self.value
