import pytest

from contexts.messaging.domain.message_body import BODY_MAX_LENGTH, MessageBody
from kernel.errors import InvalidValueError


@pytest.mark.parametrize(
    "text",
    [
        "h",
        "hello",
        "x" * BODY_MAX_LENGTH,
        "é" * BODY_MAX_LENGTH,
        "🙂" * BODY_MAX_LENGTH,
        "line one\nline two",
        "\tindented code",
        "  surrounding spaces  ",
        "zero\u200bwidth",
    ],
)
def test_text_of_1_to_4000_code_points_is_a_body_kept_as_typed(text: str) -> None:
    assert MessageBody(text).value == text
    assert not MessageBody(text).says_nothing


def test_an_empty_body_says_nothing_which_only_a_message_with_files_may() -> None:
    assert MessageBody("").says_nothing


@pytest.mark.parametrize("text", ["x" * (BODY_MAX_LENGTH + 1), "🙂" * (BODY_MAX_LENGTH + 1)])
def test_a_body_over_the_length_limit_is_refused(text: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        MessageBody(text)

    assert refused.value.field == "body"


@pytest.mark.parametrize(
    "text",
    [
        "a\x00b",
        "\x00",
        "bell\x07",
        "escape\x1b[31m",
        "carriage\rreturn",
        "delete\x7f",
        "c1\x85",
        "lone\ud800",
    ],
)
def test_control_characters_other_than_newline_and_tab_and_lone_surrogates_are_refused(text: str) -> None:
    with pytest.raises(InvalidValueError, match="control characters"):
        MessageBody(text)


@pytest.mark.parametrize("text", [" ", "\n", "\t\n  ", "\u00a0\u3000"])
def test_a_body_of_only_white_space_is_refused(text: str) -> None:
    with pytest.raises(InvalidValueError, match="more than white space"):
        MessageBody(text)


@pytest.mark.parametrize(("text", "expected"), [("@all", True), ("@everyone!", True), ("me@all.io", False)])
def test_a_body_says_whether_it_mentions_everyone_by_the_rules_of_any_mention(
    text: str, expected: bool
) -> None:
    assert MessageBody(text).mentions_everyone is expected
