"""The frames a client sends, read from JSON text, and why one is refused."""

from enum import StrEnum
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

SEQ_MAX = 2**31 - 1
"""The highest `seq` realtime's log holds; a larger one in `resume` is refused, not sent to a
database."""


class ErrorCode(StrEnum):
    """The `code` of an `error` frame."""

    MALFORMED_FRAME = "malformed_frame"
    UNKNOWN_FRAME_TYPE = "unknown_frame_type"
    NOT_A_PARTICIPANT = "not_a_participant"
    ACCESS_REFUSED = "access_refused"
    RATE_LIMITED = "rate_limited"


class RefusedFrameError(Exception):
    """The client's frame is answered with an `error` frame, and the socket stays open."""

    def __init__(self, code: ErrorCode, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


class _ClientFrame(BaseModel):
    # Strict: a `seq` of `"3"`, `3.0` or `true` is a client bug worth reporting, not guessing at.
    # Unknown fields are ignored, so clients may send what a later version of the protocol reads.
    model_config = ConfigDict(strict=True)


class AuthFrame(_ClientFrame):
    type: Literal["auth"]
    token: str


class PingFrame(_ClientFrame):
    type: Literal["ping"]


class TypingFrame(_ClientFrame):
    type: Literal["typing"]
    conversation_id: UUID


class ResumeFrame(_ClientFrame):
    type: Literal["resume"]
    cursors: dict[UUID, Annotated[int, Field(ge=0, le=SEQ_MAX)]]
    """The `seq` of the last message shown, per conversation: the API's name for what the socket
    calls `last_seen`, since a cursor elsewhere is where a page starts."""


ClientFrame = AuthFrame | PingFrame | TypingFrame | ResumeFrame

_client_frame: TypeAdapter[ClientFrame] = TypeAdapter(Annotated[ClientFrame, Field(discriminator="type")])


def read_client_frame(text: str | None) -> ClientFrame:
    """The frame `text` holds; `None` stands for a binary message, which no frame is."""
    if text is None:
        raise RefusedFrameError(ErrorCode.MALFORMED_FRAME, "Frames are JSON objects in text messages.")
    try:
        return _client_frame.validate_json(text)
    except ValidationError as error:
        first = error.errors(include_url=False, include_input=False)[0]
        if first["type"] == "union_tag_invalid":
            raise RefusedFrameError(
                ErrorCode.UNKNOWN_FRAME_TYPE, "`type` is none of the client frames."
            ) from None
        field = ".".join(str(part) for part in first["loc"][1:])  # the first part is the frame's type
        raise RefusedFrameError(
            ErrorCode.MALFORMED_FRAME, f"{field}: {first['msg']}" if field else first["msg"]
        ) from None
