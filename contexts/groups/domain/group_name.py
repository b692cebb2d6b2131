"""What a group is called: free text its members choose, shown in every member's conversation list."""

from dataclasses import dataclass
from typing import Self

from kernel.errors import InvalidValueError
from kernel.text import check_visible_name, has_control_characters, normalised

GROUP_NAME_MIN_LENGTH = 1
GROUP_NAME_MAX_LENGTH = 100


@dataclass(frozen=True)
class GroupName:
    value: str

    def __post_init__(self) -> None:
        if self.value != self.value.strip():
            raise InvalidValueError("name", "must not begin or end with white space")
        if not GROUP_NAME_MIN_LENGTH <= len(self.value) <= GROUP_NAME_MAX_LENGTH:
            raise InvalidValueError(
                "name",
                f"must be {GROUP_NAME_MIN_LENGTH} to {GROUP_NAME_MAX_LENGTH} characters long"
                " after surrounding white space is removed",
            )
        if has_control_characters(self.value):
            raise InvalidValueError("name", "must not contain control characters")

    @classmethod
    def parse(cls, typed: str) -> Self:
        """A name being chosen. Surrounding white space is dropped, and every way of typing the same
        text is stored the same. It must show what it holds; checked here, not when a stored name is
        loaded, so that a name chosen before that rule still loads."""
        name = cls(normalised(typed.strip()))
        check_visible_name("name", name.value)
        return name

    def __str__(self) -> str:
        return self.value
