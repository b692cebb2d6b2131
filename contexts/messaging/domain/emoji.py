"""The emoji of a reaction."""

from dataclasses import dataclass

import emoji as unicode_emoji

from kernel.errors import InvalidValueError

EMOJI_MAX_LENGTH = 16
"""In code points. The longest emoji Unicode recommends (a kiss or a couple with two skin tones) has
ten; the cap keeps a long string from ever reaching the emoji database."""


@dataclass(frozen=True)
class Emoji:
    """Exactly one emoji, as Unicode lists them (with its skin tone, flags and keycaps included).

    A component alone (a skin tone, a hair style) is no emoji to react with. Text, a second
    emoji, a stray joiner or a control character is refused: a reaction shows as
    one picture, and only what every client can draw as one may be stored. Each spelling of an
    emoji is its own reaction (`❤` and `❤️`, with its presentation selector, are two), as a client
    sends what its picker holds.
    """

    value: str

    def __post_init__(self) -> None:
        listed = unicode_emoji.EMOJI_DATA.get(self.value) if len(self.value) <= EMOJI_MAX_LENGTH else None
        if listed is None or listed["status"] == unicode_emoji.STATUS["component"]:
            raise InvalidValueError("emoji", "must be exactly one emoji")

    def __str__(self) -> str:
        return self.value
