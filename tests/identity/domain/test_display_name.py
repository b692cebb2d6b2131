import pytest

from contexts.identity.domain.display_name import DisplayName
from kernel.errors import InvalidValueError


@pytest.mark.parametrize("value", ["A", "Alice Liddell", "Zoë 🚀", "李小龍", "x" * 64])
def test_a_display_name_is_1_to_64_characters_of_text(value: str) -> None:
    assert DisplayName.parse(value).value == value


def test_surrounding_white_space_is_dropped() -> None:
    assert DisplayName.parse("  Alice \t").value == "Alice"


def test_the_same_visible_text_is_stored_the_same_whichever_way_it_was_typed() -> None:
    assert DisplayName.parse("Zoe\u0308") == DisplayName.parse("Zo\u00eb")


@pytest.mark.parametrize(
    "value",
    ["", "   ", "x" * 65, "Al\x00ice", "Al\x07ice", "Al\nice", "\x1b[31mred", "lone \ud800 surrogate"],
)
def test_empty_too_long_or_control_characters_are_refused(value: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        DisplayName.parse(value)
    assert refused.value.field == "display_name"


def test_it_is_searched_by_its_case_folded_text() -> None:
    assert DisplayName.parse("Straße ZOË").search_key == "strasse zoë"


@pytest.mark.parametrize(
    "value",
    ["Al\u202eice", "Al\u2067ice", "Al\u200bice", "Al\ufeffice", "\u3164", "\u2800", "\u200dAlice", "\u0301"],
)
def test_a_name_that_turns_text_around_or_hides_characters_is_refused(value: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        DisplayName.parse(value)
    assert refused.value.field == "display_name"


def test_a_joiner_between_visible_characters_is_kept() -> None:
    assert DisplayName.parse("Ada 👩\u200d💻").value == "Ada 👩\u200d💻"


def test_a_name_stored_before_it_had_to_show_what_it_holds_still_loads() -> None:
    assert DisplayName("Al\u200bice").value == "Al\u200bice"
