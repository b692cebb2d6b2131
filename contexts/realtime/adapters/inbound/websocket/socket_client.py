import asyncio
import json
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from fastapi import WebSocket

from contexts.realtime.adapters.inbound.websocket.client_frames import ErrorCode
from contexts.realtime.domain.frame import Frame


class SocketClient:
    """A socket's `Client` on a WebSocket: each frame one JSON text message.

    A socket has two writers, the application's delivery and the replies to the client's frames;
    they take turns, since ASGI servers do not promise that concurrent sends stay whole.
    """

    def __init__(self, websocket: WebSocket) -> None:
        self._websocket = websocket
        self._sending = asyncio.Lock()

    async def ready(self, user_id: UUID) -> None:
        await self._send({"type": "ready", "user_id": str(user_id)})

    async def push(self, frame: Frame) -> None:
        await self._send_text(frame.text)

    async def pong(self) -> None:
        await self._send({"type": "pong"})

    async def resumed(self, too_old: Sequence[UUID]) -> None:
        # Named only when there are some: a replay that is whole answers as it always did.
        too_far = {"too_old": [str(conversation_id) for conversation_id in too_old]} if too_old else {}
        await self._send({"type": "resumed", **too_far})

    async def reauthenticated(self) -> None:
        await self._send({"type": "reauthenticated"})

    async def refuse(self, code: ErrorCode, detail: str) -> None:
        await self._send({"type": "error", "data": {"code": code.value, "detail": detail}})

    async def _send(self, message: dict[str, Any]) -> None:
        await self._send_text(json.dumps(message, separators=(",", ":")))

    async def _send_text(self, text: str) -> None:
        async with self._sending:
            await self._websocket.send_text(text)
