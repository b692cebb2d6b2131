"""What a message says."""

from dataclasses import dataclass

from kernel.errors import InvalidValueError
from kernel.mentions import mentions_everyone
from kernel.text import has_control_characters

BODY_MAX_LENGTH = 4000
"""Counted in Unicode code points, as Python and pydantic count a string's length."""

_LINE_BREAKS_AND_TABS = frozenset("\n\t")


@dataclass(frozen=True)
class MessageBody:
    """Text kept exactly as it was typed.

    Surrounding white space stays, since it may be indentation that matters (code, verse); a
    body of nothing but white space is refused, as it would show as an empty message. A body may
    be empty, saying nothing: whether a message may say nothing is the message's rule (it must
    carry files then, see `Message`), not its text's. Newlines
    and tabs are the only control characters allowed: the others (NUL, escape sequences,
    carriage returns) are not text a person reads and could disturb whoever displays them.
    """

    value: str

    def __post_init__(self) -> None:
        if len(self.value) > BODY_MAX_LENGTH:
            raise InvalidValueError("body", f"must be at most {BODY_MAX_LENGTH} characters long")
        if has_control_characters(self.value, allowed=_LINE_BREAKS_AND_TABS):
            raise InvalidValueError("body", "must not contain control characters other than newline and tab")
        if self.value.isspace():
            raise InvalidValueError("body", "must contain more than white space")

    @property
    def says_nothing(self) -> bool:
        return not self.value

    @property
    def mentions_everyone(self) -> bool:
        """Whether it says `@all` (or `@everyone`), by the same rules as `@username` (kernel/mentions.py)."""
        return mentions_everyone(self.value)

    def __str__(self) -> str:
        return self.value
