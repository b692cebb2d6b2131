import pytest

from contexts.identity.domain.password import Password
from kernel.errors import InvalidValueError


@pytest.mark.parametrize("value", ["8 chars!", "x" * 128, "ünïcödé pässwörd", "correct horse battery staple"])
def test_a_new_password_has_8_to_128_characters(value: str) -> None:
    assert Password(value).value == value


@pytest.mark.parametrize("value", ["", "7 chars", "x" * 129, "pass\x00word", "lone\ud800surrogate"])
def test_shorter_longer_or_control_characters_are_refused(value: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        Password(value)
    assert refused.value.field == "password"


@pytest.mark.parametrize("value", ["password1", "PassWord1", "p@ssw0rd", "qwertyuiop", "iloveyou"])
def test_a_common_password_is_refused_in_any_case(value: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        Password(value)
    assert refused.value.field == "password"
    assert "common" in refused.value.detail


def test_it_never_shows_in_a_repr() -> None:
    assert "hunter22" not in repr(Password("hunter2222"))
