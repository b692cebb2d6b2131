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


@pytest.mark.parametrize("value", ["all", "everyone"])
def test_the_names_that_mention_everyone_cannot_be_chosen(value: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        Username.chosen(value)
    assert refused.value.field == "username"


@pytest.mark.parametrize("value", ["all", "everyone"])
def test_an_account_that_had_a_reserved_name_before_still_loads_and_signs_in(value: str) -> None:
    assert Username(value).value == value
    assert Username.typed_at_sign_in(value.upper()) == Username(value)


@pytest.mark.parametrize("value", ["alice", "allison", "all.", "everyone2"])
def test_names_that_only_look_like_them_may_be_chosen(value: str) -> None:
    assert Username.chosen(value) == Username(value)
