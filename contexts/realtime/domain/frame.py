"""What the server pushes down a socket: `{"type": T, "data": {...}}`, as docs/api/realtime.md lists them."""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Frame:
    type: str
    """`message.created`, `presence`, ...: the frame types of docs/api/realtime.md."""
    data: Mapping[str, Any]
    """JSON-ready: it crosses instances through pub/sub and reaches clients as it is."""

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "data": dict(self.data)}

    @cached_property
    def text(self) -> str:
        """The frame as a socket sends it: encoded once, however many sockets it goes to."""
        return json.dumps(self.to_json(), separators=(",", ":"))

    @classmethod
    def from_text(cls, text: str) -> "Frame":
        """The frame `text` encodes, which keeps `text` as its own encoding."""
        decoded = json.loads(text)
        frame = cls(decoded["type"], decoded["data"])
        frame.__dict__["text"] = text  # what `cached_property` would have stored
        return frame
