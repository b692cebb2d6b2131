import pytest

from contexts.messaging.domain.emoji import EMOJI_MAX_LENGTH, Emoji
from kernel.errors import InvalidValueError


@pytest.mark.parametrize(
    "emoji",
    [
        "👍",
        "❤",
        "❤️",  # with its emoji presentation selector: another spelling, another reaction
        "👍🏽",  # a skin tone
        "🇫🇷",  # a flag: two regional indicators
        "1️⃣",  # a keycap
        "👩‍❤️‍💋‍👨",  # a zero-width-joiner sequence
        "🏳️‍🌈",
    ],
)
def test_one_emoji_is_an_emoji(emoji: str) -> None:
    assert Emoji(emoji).value == emoji


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a",
        "ok",
        ":+1:",
        "👍👍",  # two emoji
        "👍 ",
        " 👍",
        "👍\u200d",  # a stray joiner
        "\u200d",
        "\x00",
        "👍\x00",
        "\x1b[31m",
        "\ufe0f",  # a selector alone
        "🏽",  # a skin tone alone is an emoji component, not a reaction
        "👍" * (EMOJI_MAX_LENGTH + 1),
        "x" * 10_000,
    ],
)
def test_anything_but_exactly_one_emoji_is_refused(text: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        Emoji(text)

    assert refused.value.field == "emoji"
