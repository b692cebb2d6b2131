import pytest

from contexts.messaging.domain.client_message_id import CLIENT_MESSAGE_ID_MAX_LENGTH, ClientMessageId
from kernel.errors import InvalidValueError


@pytest.mark.parametrize(
    "value", ["1", "6f1c3f5e-3d0b-4a4e-9a55-0c1d2e3f4a5b", "x" * CLIENT_MESSAGE_ID_MAX_LENGTH, "ü"]
)
def test_1_to_64_characters_make_a_client_message_id(value: str) -> None:
    assert ClientMessageId(value).value == value


@pytest.mark.parametrize(
    "value", ["", "x" * (CLIENT_MESSAGE_ID_MAX_LENGTH + 1), "a\x00", "a\nb", "a\tb", "\ud800"]
)
def test_other_values_are_refused(value: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        ClientMessageId(value)

    assert refused.value.field == "client_message_id"
