"""The id a client gives a message before sending it.

A client that sends a message and loses the answer sends it again with the same id; the id
makes the second send return the first message instead of posting it twice.
"""

from dataclasses import dataclass

from kernel.errors import InvalidValueError
from kernel.text import has_control_characters

CLIENT_MESSAGE_ID_MIN_LENGTH = 1
CLIENT_MESSAGE_ID_MAX_LENGTH = 64
"""Room for a UUID or any id of a client's own making, counted in Unicode code points."""


@dataclass(frozen=True)
class ClientMessageId:
    value: str

    def __post_init__(self) -> None:
        if not CLIENT_MESSAGE_ID_MIN_LENGTH <= len(self.value) <= CLIENT_MESSAGE_ID_MAX_LENGTH:
            raise InvalidValueError(
                "client_message_id",
                f"must be {CLIENT_MESSAGE_ID_MIN_LENGTH} to {CLIENT_MESSAGE_ID_MAX_LENGTH} characters long",
            )
        if has_control_characters(self.value):
            raise InvalidValueError("client_message_id", "must not contain control characters")

    def __str__(self) -> str:
        return self.value
