"""The WebSocket protocol of docs/api/realtime.md on a running server: authentication, ping, and
what happens to frames it refuses."""

from collections.abc import AsyncIterator

import pytest

from tests.api import User
from tests.realtime.live import (
    MAX_FRAME_BYTES,
    LiveMonolith,
    opened,
    serve_live_monolith,
    strict_settings,
)


@pytest.fixture(scope="module")
async def live(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LiveMonolith]:
    async with serve_live_monolith(strict_settings(tmp_path_factory.mktemp("protocol"))) as served:
        yield served


@pytest.fixture
async def alice(live: LiveMonolith) -> User:
    return await live.api.sign_up()


async def test_a_valid_token_is_answered_with_ready(live: LiveMonolith, alice: User) -> None:
    async with opened(live.ws_url, alice) as socket:
        await socket.send({"type": "ping"})

        assert await socket.receive() == {"type": "pong"}


@pytest.mark.parametrize(
    "first_frame",
    [
        {"type": "auth", "token": "not-a-token"},
        {"type": "auth"},
        {"type": "ping"},
        "not json",
    ],
    ids=["forged token", "no token", "not auth", "not json"],
)
async def test_a_first_frame_without_a_valid_token_closes_the_socket_with_4401(
    live: LiveMonolith, first_frame: object
) -> None:
    async with opened(live.ws_url) as socket:
        await socket.send(first_frame)

        assert await socket.close_code() == 4401
        assert socket.received == []


async def test_no_auth_frame_in_time_closes_the_socket_with_4401(live: LiveMonolith) -> None:
    async with opened(live.ws_url) as socket:
        assert await socket.close_code() == 4401


async def test_a_second_auth_frame_is_refused(live: LiveMonolith, alice: User) -> None:
    async with opened(live.ws_url, alice) as socket:
        await socket.send({"type": "auth", "token": alice.access_token})

        assert await socket.receive_data("error") == {
            "code": "already_authenticated",
            "detail": "This socket is authenticated already.",
        }


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{not json", "malformed_frame"),
        ("[1, 2]", "malformed_frame"),
        ({"no": "type"}, "malformed_frame"),
        ({"type": "dance"}, "unknown_frame_type"),
        ({"type": "typing"}, "malformed_frame"),
        ({"type": "typing", "conversation_id": "nope"}, "malformed_frame"),
        ({"type": "typing", "conversation_id": 7}, "malformed_frame"),
        ({"type": "resume", "cursors": []}, "malformed_frame"),
        ({"type": "resume", "cursors": {"nope": 1}}, "malformed_frame"),
        ({"type": "resume", "cursors": {"8c6f1d2e-0000-4000-8000-000000000000": -1}}, "malformed_frame"),
        ({"type": "resume", "cursors": {"8c6f1d2e-0000-4000-8000-000000000000": "3"}}, "malformed_frame"),
        ({"type": "resume", "cursors": {"8c6f1d2e-0000-4000-8000-000000000000": 2**31}}, "malformed_frame"),
        ({"type": "typing", "conversation_id": "8c6f1d2e-0000-4000-8000-000000000000"}, "not_a_participant"),
    ],
)
async def test_a_refused_frame_is_answered_with_an_error_and_the_socket_stays_usable(
    live: LiveMonolith, alice: User, frame: object, code: str
) -> None:
    async with opened(live.ws_url, alice) as socket:
        await socket.send(frame)

        error = await socket.receive_data("error")
        assert error["code"] == code
        assert isinstance(error["detail"], str)
        assert error["detail"]
        await socket.send({"type": "ping"})
        assert await socket.receive() == {"type": "pong"}


async def test_a_binary_frame_is_refused(live: LiveMonolith, alice: User) -> None:
    async with opened(live.ws_url, alice) as socket:
        await socket.connection.send(b'{"type": "ping"}')

        assert (await socket.receive_data("error"))["code"] == "malformed_frame"


async def test_a_frame_over_the_size_limit_closes_the_socket_with_1009(
    live: LiveMonolith, alice: User
) -> None:
    async with opened(live.ws_url, alice) as socket:
        await socket.send({"type": "typing", "conversation_id": "x" * MAX_FRAME_BYTES})

        assert await socket.close_code() == 1009


async def test_a_frame_at_the_size_limit_is_read(live: LiveMonolith, alice: User) -> None:
    frame = '{"type": "ping", "padding": "%s"}'
    padded = frame % ("x" * (MAX_FRAME_BYTES - len(frame % "")))
    async with opened(live.ws_url, alice) as socket:
        await socket.send(padded)

        assert len(padded.encode()) == MAX_FRAME_BYTES
        assert await socket.receive() == {"type": "pong"}
