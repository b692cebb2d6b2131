import pytest

from contexts.groups.domain.group_name import GroupName
from kernel.errors import InvalidValueError


@pytest.mark.parametrize("value", ["A", "Book club", "Zoë's 🚀 crew", "登山", "x" * 100])
def test_a_group_name_is_1_to_100_characters_of_text(value: str) -> None:
    assert GroupName.parse(value).value == value


def test_surrounding_white_space_is_dropped() -> None:
    assert GroupName.parse("  Book club \t").value == "Book club"


def test_the_same_visible_text_is_stored_the_same_whichever_way_it_was_typed() -> None:
    assert GroupName.parse("Zoe\u0308") == GroupName.parse("Zo\u00eb")


@pytest.mark.parametrize(
    "value",
    ["", "   ", "x" * 101, "Book\x00club", "Book\nclub", "\x1b[31mred", "\x7f", "lone \ud800 surrogate"],
)
def test_empty_too_long_or_control_characters_are_refused(value: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        GroupName.parse(value)
    assert refused.value.field == "name"


@pytest.mark.parametrize("value", [" Book club", "Book club "])
def test_a_name_made_without_parsing_must_be_trimmed_already(value: str) -> None:
    with pytest.raises(InvalidValueError):
        GroupName(value)


@pytest.mark.parametrize(
    "value",
    ["Al\u202eice", "Al\u2067ice", "Al\u200bice", "Al\ufeffice", "\u3164", "\u2800", "\u200dAlice", "\u0301"],
)
def test_a_name_that_turns_text_around_or_hides_characters_is_refused(value: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        GroupName.parse(value)
    assert refused.value.field == "name"


def test_a_joiner_between_visible_characters_is_kept() -> None:
    assert GroupName.parse("می\u200cشود").value == "می\u200cشود"


def test_a_name_stored_before_it_had_to_show_what_it_holds_still_loads() -> None:
    assert GroupName("Al\u200bice").value == "Al\u200bice"
