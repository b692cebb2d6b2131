import asyncio
import json
import logging
from collections.abc import AsyncIterator
from io import StringIO

import pytest
from fastapi import APIRouter, WebSocket
from starlette.types import Message

from infra.observability.correlation import current_correlation_id
from infra.observability.logging import configure_logging
from tests.platform.conftest import app_with, client_for
from tests.problems import assert_problem

router = APIRouter()


@router.get("/things/{thing_id}")
async def thing(thing_id: str) -> dict[str, str]:
    logging.getLogger("tests.things").info("looked at %s", thing_id)
    return {"id": thing_id}


@router.websocket("/echo")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    text = await websocket.receive_text()
    await websocket.send_json({"echo": text, "correlation_id": current_correlation_id()})
    await websocket.close()


@pytest.fixture
def log_lines() -> StringIO:
    stream = StringIO()
    configure_logging("INFO", stream)
    return stream


async def test_a_correlation_id_is_echoed_and_logged(log_lines: StringIO) -> None:
    async with client_for(app_with(router)) as client:
        response = await client.get("/things/a", headers={"X-Correlation-ID": "req-42"})

    assert response.headers["x-correlation-id"] == "req-42"
    logged = [json.loads(line) for line in log_lines.getvalue().splitlines()]
    [record] = [r for r in logged if r["logger"] == "tests.things"]
    assert record["correlation_id"] == "req-42"
    assert record["message"] == "looked at a"
    assert record["level"] == "INFO"
    assert "timestamp" in record


@pytest.mark.parametrize("offered", [None, "", "x" * 200, "evil\\ninjected", "a b"])
async def test_a_missing_or_unacceptable_correlation_id_is_replaced(offered: str | None) -> None:
    headers = {} if offered is None else {"X-Correlation-ID": offered}
    async with client_for(app_with(router)) as client:
        first = await client.get("/things/a", headers=headers)
        second = await client.get("/things/a", headers=headers)

    assert first.headers["x-correlation-id"] not in {offered, second.headers["x-correlation-id"]}
    assert len(first.headers["x-correlation-id"]) == 36


async def test_websockets_pass_through_the_middleware() -> None:
    """Drives the ASGI WebSocket protocol by hand: the app accepts, echoes, and closes."""
    incoming: asyncio.Queue[Message] = asyncio.Queue()
    incoming.put_nowait({"type": "websocket.connect"})
    incoming.put_nowait({"type": "websocket.receive", "text": "hello"})
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "websocket", "path": "/echo", "raw_path": b"/echo", "query_string": b"", "headers": []}
    await app_with(router)(scope, incoming.get, send)

    assert [m["type"] for m in sent] == ["websocket.accept", "websocket.send", "websocket.close"]
    assert json.loads(sent[1]["text"]) == {"echo": "hello", "correlation_id": None}


echo_router = APIRouter()


@echo_router.post("/echo")
async def echo_body(body: dict[str, str]) -> dict[str, str]:
    return body


async def test_a_body_within_the_limit_is_served() -> None:
    payload = json.dumps({"text": "x" * 50}).encode()
    async with client_for(app_with(echo_router, max_request_body_bytes=len(payload))) as client:
        response = await client.post("/echo", content=payload, headers={"Content-Type": "application/json"})

    assert (response.status_code, response.json()) == (200, {"text": "x" * 50})


async def test_a_body_declared_larger_than_the_limit_is_refused_with_a_problem() -> None:
    async with client_for(app_with(echo_router, max_request_body_bytes=100)) as client:
        response = await client.post("/echo", json={"text": "x" * 200})

    assert_problem(response, 413)


async def test_a_streamed_body_is_refused_once_it_passes_the_limit() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 100
        yield b'"}'

    async with client_for(app_with(echo_router, max_request_body_bytes=1000)) as client:
        response = await client.post("/echo", content=chunks(), headers={"Content-Type": "application/json"})

    assert "content-length" not in response.request.headers
    assert_problem(response, 413)
