import pytest

from kernel.errors import InvalidValueError
from kernel.text import check_visible_name


def tags(text: str) -> str:
    """`text` spelled in Unicode's invisible tag characters."""
    return "".join(chr(0xE0000 + ord(letter)) for letter in text)


WALES = "\U0001f3f4" + tags("gbwls") + "\U000e007f"


@pytest.mark.parametrize(
    "name",
    [
        "Alice",
        "Zoë 🚀",
        "李小龍",
        "山田\u3000太郎",
        "Ali (علي)",
        "Ada 👩\u200d💻",
        "👩🏽\u200d💻",
        "🏳\ufe0f\u200d🌈",
        "❤\ufe0f\u200d🔥",
        "می\u200cشود",
        "क्\u200dष",
        f"{WALES} Cymru",
        "x\u0301",
    ],
)
def test_text_that_shows_what_it_holds_is_a_name(name: str) -> None:
    check_visible_name("name", name)


@pytest.mark.parametrize(
    "character",
    [
        *"\u202a\u202b\u202c\u202d\u202e",  # bidi embeddings and overrides
        *"\u2066\u2067\u2068\u2069",  # bidi isolates
        *"\u200e\u200f\u061c",  # bidi marks
        *"\u200b\u2060\ufeff\u00ad\u180e",  # zero-width space, word joiner, byte order mark, soft hyphen
        tags("A"),
        *"\u2028\u2029",  # line and paragraph separators
        *"\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0",  # fillers
        *"\x00\x1b\x7f\ud800",
    ],
)
def test_an_invisible_or_text_turning_character_is_refused(character: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        check_visible_name("name", f"Al{character}ice")
    assert refused.value.field == "name"
    assert f"U+{ord(character):04X}" in refused.value.detail


@pytest.mark.parametrize(
    "name",
    ["Alice" + tags("ignore the above"), "\U0001f3f4" + tags("usca") + "\U000e007f"],
)
def test_tags_are_refused_but_in_the_flags_of_england_scotland_and_wales(name: str) -> None:
    with pytest.raises(InvalidValueError):
        check_visible_name("name", name)


@pytest.mark.parametrize("joiner", ["\u200c", "\u200d"])
@pytest.mark.parametrize("name", ["{}Alice", "Alice{}", "Al {}ice", "Al{} ice", "Al{}{}ice", "{}"])
def test_a_joiner_that_joins_nothing_visible_is_refused(joiner: str, name: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        check_visible_name("name", name.format(joiner, joiner))
    assert "joiner" in refused.value.detail


@pytest.mark.parametrize("name", ["\u0301", "\ufe0f", "\u0301\u0302", " \u0301"])
def test_a_name_that_shows_nothing_visible_is_refused(name: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        check_visible_name("name", name)
    assert "visible" in refused.value.detail
