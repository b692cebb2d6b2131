"""The server holds on its own against oversized, endless, slow and too many requests.

Each test runs the app as `chat serve` does (`server_options`) on a real uvicorn server, and
talks to it over a raw socket, since the requests at stake are ones no HTTP client would send.
Waits are bounded only so that a failure ends; no test asserts how long anything took.
"""

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import pytest
import uvicorn
from fastapi import APIRouter, Request

from runtime.cli import server_options
from runtime.settings import Settings
from tests.eventually import eventually
from tests.platform.conftest import app_with

MAX_HEADER_BYTES = 4096
MAX_HEADERS = 20
MAX_CONNECTIONS = 3
SHORT = 0.5
"""Seconds for the request timeout: small, so that the tests that wait for it end soon."""
GIVE_UP_AFTER = 10.0


def strict_settings() -> Settings:
    return Settings(
        http_max_header_bytes=MAX_HEADER_BYTES,
        http_max_headers=MAX_HEADERS,
        http_request_timeout_seconds=SHORT,
        http_keep_alive_seconds=1,
        http_max_connections=MAX_CONNECTIONS,
    )


@asynccontextmanager
async def served(settings: Settings) -> AsyncIterator[int]:
    """The port of a server running a small app: `POST /echo` answers the body it was sent."""
    router = APIRouter()

    @router.post("/echo")
    async def echo(request: Request) -> dict[str, Any]:
        return {"received": len(await request.body())}

    server = uvicorn.Server(uvicorn.Config(app_with(router), **server_options(settings)))
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    serving = asyncio.create_task(server.serve(sockets=[listening]))

    async def started() -> None:
        if serving.done():
            serving.result()
        assert server.started

    await eventually(started)
    try:
        yield listening.getsockname()[1]
    finally:
        server.should_exit = True
        await serving
        listening.close()


@pytest.fixture
async def port() -> AsyncIterator[int]:
    async with served(strict_settings()) as port:
        yield port


@asynccontextmanager
async def connection(port: int) -> AsyncIterator[tuple[asyncio.StreamReader, asyncio.StreamWriter]]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        yield reader, writer
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


async def answer_then_close(reader: asyncio.StreamReader) -> bytes:
    """Everything the server sends until it closes the connection."""
    async with asyncio.timeout(GIVE_UP_AFTER):
        with contextlib.suppress(ConnectionResetError):
            return await reader.read()
    return b""


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def request(*headers: str, body: bytes = b"") -> bytes:
    head = ["POST /echo HTTP/1.1", "Host: test", f"Content-Length: {len(body)}", *headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def test_a_request_within_the_limits_is_answered(port: int) -> None:
    async with connection(port) as (reader, writer):
        writer.write(request("Connection: close", body=b"hello"))
        answer = await answer_then_close(reader)

    assert status_of(answer) == 200
    assert answer.endswith(b'{"received":5}')


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param([f"X-Large: {'a' * MAX_HEADER_BYTES}"], id="one large header"),
        pytest.param([f"X-{n}: {'a' * 300}" for n in range(MAX_HEADER_BYTES // 300 + 1)], id="many headers"),
        pytest.param([f"X-{n}: 1" for n in range(MAX_HEADERS)], id="too many headers"),
    ],
)
async def test_headers_beyond_the_limits_are_a_431(port: int, headers: Sequence[str]) -> None:
    async with connection(port) as (reader, writer):
        writer.write(request(*headers))
        answer = await answer_then_close(reader)

    assert status_of(answer) == 431
    assert b"application/problem+json" in answer


async def test_a_header_that_never_ends_is_refused_before_it_is_read_whole(port: int) -> None:
    async with connection(port) as (reader, writer):
        writer.write(b"GET / HTTP/1.1\r\nHost: test\r\nX-Endless: ")
        with contextlib.suppress(ConnectionError):
            for _ in range(64):  # 4 MiB, unless the server stops reading first
                writer.write(b"a" * 65536)
                await writer.drain()
        answer = await answer_then_close(reader)

    # Closing while the client still sends resets the connection, which may discard the answer.
    assert answer == b"" or status_of(answer) == 431


async def test_a_client_that_stops_in_the_middle_of_its_headers_gets_a_408(port: int) -> None:
    async with connection(port) as (reader, writer):
        writer.write(b"POST /echo HTTP/1.1\r\nHost: test\r\n")
        answer = await answer_then_close(reader)

    assert status_of(answer) == 408


async def test_a_client_that_stops_in_the_middle_of_its_body_is_disconnected(port: int) -> None:
    async with connection(port) as (reader, writer):
        writer.write(b"POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\nonly part of it")
        answer = await answer_then_close(reader)

    assert answer == b""


async def test_a_body_sent_steadily_past_the_request_timeout_is_received_whole() -> None:
    """Each chunk earns half the timeout again at this rate, and comes a fifth of the timeout after
    the one before: the body takes twice the timeout to arrive, and is never close to its deadline."""
    chunk, chunks = b"x" * 500, 10
    steady = strict_settings().model_copy(update={"http_min_body_bytes_per_second": len(chunk) / (SHORT / 2)})
    head = (
        "POST /echo HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
        f"Content-Length: {len(chunk) * chunks}\r\n\r\n"
    )
    async with served(steady) as port, connection(port) as (reader, writer):
        writer.write(head.encode())
        for _ in range(chunks):
            await asyncio.sleep(SHORT / 5)
            writer.write(chunk)
        answer = await answer_then_close(reader)

    assert status_of(answer) == 200
    assert answer.endswith(b'{"received":5000}')


async def test_a_connection_that_sends_nothing_gets_a_408(port: int) -> None:
    async with connection(port) as (reader, _):
        answer = await answer_then_close(reader)

    assert status_of(answer) == 408


async def test_requests_beyond_the_connection_limit_are_a_503_problem_with_retry_after() -> None:
    settings = strict_settings().model_copy(update={"http_request_timeout_seconds": GIVE_UP_AFTER * 2})
    async with served(settings) as port, contextlib.AsyncExitStack() as others:
        for _ in range(MAX_CONNECTIONS):
            await others.enter_async_context(connection(port))
        async with connection(port) as (reader, writer):
            writer.write(request("Connection: close"))
            answer = await answer_then_close(reader)

    assert status_of(answer) == 503
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    assert b"content-type: application/problem+json" in head
    assert b"retry-after: 1" in head
