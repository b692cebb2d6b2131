"""What a message says."""

from dataclasses import dataclass

from kernel.errors import InvalidValueError
from kernel.mentions import mentions_everyone
from kernel.text import has_control_characters

BODY_MIN_LENGTH = 1
BODY_MAX_LENGTH = 4000
"""Counted in Unicode code points, as Python and pydantic count a string's length."""

_LINE_BREAKS_AND_TABS = frozenset("\n\t")


@dataclass(frozen=True)
class MessageBody:
    """Text kept exactly as it was typed.

    Surrounding white space stays, since it may be indentation that matters (code, verse); a
    body of nothing but white space is refused, as it would show as an empty message. Newlines
    and tabs are the only control characters allowed: the others (NUL, escape sequences,
    carriage returns) are not text a person reads and could disturb whoever displays them.
    """

    value: str

    def __post_init__(self) -> None:
        if not BODY_MIN_LENGTH <= len(self.value) <= BODY_MAX_LENGTH:
            raise InvalidValueError("body", f"must be {BODY_MIN_LENGTH} to {BODY_MAX_LENGTH} characters long")
        if has_control_characters(self.value, allowed=_LINE_BREAKS_AND_TABS):
            raise InvalidValueError("body", "must not contain control characters other than newline and tab")
        if self.value.isspace():
            raise InvalidValueError("body", "must contain more than white space")

    @property
    def mentions_everyone(self) -> bool:
        """Whether it says `@all` (or `@everyone`), by the same rules as `@username` (kernel/mentions.py)."""
        return mentions_everyone(self.value)

    def __str__(self) -> str:
        return self.value
