import pytest

from contexts.identity.domain.username import Username
from kernel.errors import InvalidValueError


@pytest.mark.parametrize("value", ["abc", "a" * 32, "alice_b.c-d", "007", "..."])
def test_a_username_has_3_to_32_lower_case_letters_digits_or_underscore_dot_dash(value: str) -> None:
    assert Username(value).value == value


@pytest.mark.parametrize(
    "value", ["ab", "a" * 33, "", "Alice", "al ice", "ålice", "al\x00ice", "alice!", "al/ice", "alice\n"]
)
def test_anything_else_is_refused_naming_the_field(value: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        Username(value)
    assert refused.value.field == "username"


def test_at_sign_in_the_name_may_be_typed_in_any_case() -> None:
    assert Username.typed_at_sign_in("AliCe") == Username("alice")


@pytest.mark.parametrize("typed", ["al", "al ice", "\x00", "a" * 1000])
def test_at_sign_in_a_name_no_account_can_have_is_none(typed: str) -> None:
    assert Username.typed_at_sign_in(typed) is None
