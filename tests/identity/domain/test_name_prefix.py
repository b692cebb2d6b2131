import pytest

from contexts.identity.domain.name_prefix import NamePrefix
from kernel.errors import InvalidValueError


def test_a_prefix_is_searched_case_insensitively() -> None:
    assert NamePrefix("ZoË").search_key == "zoë"


@pytest.mark.parametrize("value", ["", "x" * 65, "a\x00", "\ud800"])
def test_empty_too_long_or_control_characters_are_refused_as_q(value: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        NamePrefix(value)
    assert refused.value.field == "q"
