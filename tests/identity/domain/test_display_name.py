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
