"""The monolith on a real uvicorn server, and WebSocket clients for it.

WebSocket behaviour that matters (close codes, frame limits, protocol pings, a client that stops
reading) lives partly in the server, so these tests run the app the way `chat serve` runs it,
on a free port of this process's event loop. REST calls go to the same app in-process.
"""

import asyncio
import contextlib
import json
import socket
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from runtime.cli import server_options
from runtime.contexts import CONTEXTS
from runtime.process import build_process
from runtime.settings import Settings
from tests.api import ChatApi, User
from tests.eventually import eventually
from tests.monolith import monolith_settings

RECEIVE_WITHIN_SECONDS = 10.0

ASIDES = frozenset({"presence", "notification.created"})
"""Frames that come aside from the change a test makes and race its frames: a contact coming online,
a notification (which travels through the notifications context). Skipped unless asked for."""


def live_settings(data_dir: Path, **changes: Any) -> Settings:
    return monolith_settings(data_dir).model_copy(update=changes)


AUTH_TIMEOUT_SECONDS = 0.5
MAX_FRAME_BYTES = 16384
MAX_SOCKETS_PER_USER = 3


def strict_settings(data_dir: Path) -> Settings:
    """Limits small enough for tests to reach: a short wait for the auth frame, small frames, few
    sockets per user."""
    return live_settings(
        data_dir,
        realtime_auth_timeout_seconds=AUTH_TIMEOUT_SECONDS,
        realtime_max_frame_bytes=MAX_FRAME_BYTES,
        realtime_max_sockets_per_user=MAX_SOCKETS_PER_USER,
    )


@dataclass(frozen=True)
class LiveMonolith:
    api: ChatApi
    url: str
    """Where a browser finds it."""

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://") + "/ws"


@asynccontextmanager
async def serve_live_monolith(
    settings: Settings, send_buffer_bytes: int | None = None
) -> AsyncIterator[LiveMonolith]:
    """`send_buffer_bytes` shrinks the kernel's buffer for each socket, so that a client that stops
    reading holds up the server after a few frames rather than megabytes of them."""
    app = build_process(list(CONTEXTS), settings)
    server = uvicorn.Server(uvicorn.Config(app, **server_options(settings)))
    listening = socket.socket()
    if send_buffer_bytes is not None:
        listening.setsockopt(
            socket.SOL_SOCKET, socket.SO_SNDBUF, send_buffer_bytes
        )  # accepted sockets inherit it
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    serving = asyncio.create_task(server.serve(sockets=[listening]))

    async def started() -> None:
        if serving.done():
            serving.result()
        assert server.started

    await eventually(started)
    api = ChatApi(httpx.ASGITransport(app=app))
    try:
        yield LiveMonolith(api, f"http://127.0.0.1:{port}")
    finally:
        await api.close()
        server.should_exit = True
        await serving
        listening.close()


@dataclass
class Socket:
    """A client's WebSocket; `received` collects every frame the server sends, in order."""

    connection: ClientConnection
    received: list[dict[str, Any]] = field(default_factory=list)

    async def send(self, frame: Any) -> None:
        await self.connection.send(frame if isinstance(frame, str) else json.dumps(frame))

    async def receive(self, *, ignoring: Collection[str] = ASIDES) -> dict[str, Any]:
        """The next frame, skipping those of the types `ignoring` (which stay in `received`)."""
        while True:
            async with asyncio.timeout(RECEIVE_WITHIN_SECONDS):
                frame: dict[str, Any] = json.loads(await self.connection.recv())
            self.received.append(frame)
            if frame["type"] not in ignoring:
                return frame

    async def receive_data(self, frame_type: str) -> dict[str, Any]:
        frame = await self.receive(ignoring=ASIDES - {frame_type})
        assert frame["type"] == frame_type, frame
        data: dict[str, Any] = frame["data"]
        return data

    async def receive_next(self, frame_type: str) -> dict[str, Any]:
        """The data of the next frame of `frame_type`, skipping (and keeping) frames of other types:
        for frames that travel apart from the rest, and of which only their own order tells."""
        while (frame := await self.receive(ignoring=()))["type"] != frame_type:
            pass
        data: dict[str, Any] = frame["data"]
        return data

    async def receive_each(self, *frame_types: str) -> dict[str, dict[str, Any]]:
        """The data of the next frames, one of each type, in whichever order they come: frames
        caused by different contexts' events race each other."""
        received: dict[str, dict[str, Any]] = {}
        while len(received) < len(frame_types):
            frame = await self.receive(ignoring=ASIDES.difference(frame_types))
            assert frame["type"] in frame_types, frame
            assert frame["type"] not in received, frame
            received[frame["type"]] = frame["data"]
        return received

    async def close_code(self) -> int | None:
        """The code the server closes with, reading (and keeping) whatever frames come first."""
        with contextlib.suppress(ConnectionClosed):
            while True:
                await self.receive(ignoring=())
        return self.connection.close_code


async def received_until(socket: Socket, last: int | str) -> list[int | str]:
    """The `seq` of each `message.created`, and the type of any other frame (`"resumed"`) where it
    came, up to `last`."""
    received: list[int | str] = []
    while last not in received:
        frame = await socket.receive()
        received.append(frame["data"]["seq"] if frame["type"] == "message.created" else frame["type"])
    return received


@asynccontextmanager
async def opened(ws_url: str, user: User | None = None, **options: Any) -> AsyncIterator[Socket]:
    """A socket, authenticated as `user` if given; `options` go to `websockets.connect`."""
    async with connect(ws_url, proxy=None, **options) as connection:
        opened = Socket(connection)
        if user is not None:
            await opened.send({"type": "auth", "token": user.access_token})
            assert await opened.receive() == {"type": "ready", "user_id": user.id}
        yield opened
