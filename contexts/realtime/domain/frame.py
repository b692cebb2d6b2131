"""What the server pushes down a socket: `{"type": T, "data": {...}}`, as API.md lists them."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Frame:
    type: str
    """`message.created`, `presence`, ...: the frame types of docs/api/realtime.md."""
    data: Mapping[str, Any]
    """JSON-ready: it crosses instances through pub/sub and reaches clients as it is."""

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "data": dict(self.data)}
