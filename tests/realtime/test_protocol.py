"""The WebSocket protocol of docs/api/realtime.md on a running server: authentication, ping, and
what happens to frames it refuses."""

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest

from tests.api import PASSWORD, User
from tests.realtime.live import (
    MAX_FRAME_BYTES,
    MAX_SOCKETS_PER_USER,
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


async def another_session(live: LiveMonolith, user: User) -> str:
    """An access token of a new sign-in of `user`."""
    signed_in = await live.api.client.post(
        "/api/v1/sessions", json={"username": user.username, "password": PASSWORD}
    )
    assert signed_in.status_code == 201, signed_in.text
    token: str = signed_in.json()["access_token"]
    return token


async def sign_out(live: LiveMonolith, access_token: str) -> None:
    signed_out = await live.api.new_client(access_token).delete("/api/v1/sessions/current")
    assert signed_out.status_code == 204, signed_out.text


async def test_signing_out_closes_the_sessions_sockets_with_4401(live: LiveMonolith, alice: User) -> None:
    async with opened(live.ws_url, alice) as socket:
        await sign_out(live, alice.access_token)

        assert await socket.close_code() == 4401


async def test_a_fresh_token_on_the_socket_moves_it_to_that_tokens_session(
    live: LiveMonolith, alice: User
) -> None:
    fresh = await another_session(live, alice)
    async with opened(live.ws_url, alice) as socket:
        await socket.send({"type": "auth", "token": fresh})
        assert await socket.receive() == {"type": "reauthenticated"}

        await sign_out(live, alice.access_token)
        await socket.send({"type": "ping"})
        assert await socket.receive() == {"type": "pong"}

        await sign_out(live, fresh)
        assert await socket.close_code() == 4401


@pytest.mark.parametrize("token", ["not-a-token", "bob's"])
async def test_a_token_not_valid_for_the_user_is_refused_and_the_socket_stays_open(
    live: LiveMonolith, alice: User, token: str
) -> None:
    if token == "bob's":
        token = (await live.api.sign_up()).access_token
    async with opened(live.ws_url, alice) as socket:
        await socket.send({"type": "auth", "token": token})

        assert (await socket.receive_data("error"))["code"] == "access_refused"
        await socket.send({"type": "ping"})
        assert await socket.receive() == {"type": "pong"}


async def test_a_socket_beyond_the_users_cap_is_closed_with_4409(live: LiveMonolith, alice: User) -> None:
    async with AsyncExitStack() as held:
        for _ in range(MAX_SOCKETS_PER_USER):
            await held.enter_async_context(opened(live.ws_url, alice))
        async with opened(live.ws_url) as refused:
            await refused.send({"type": "auth", "token": alice.access_token})

            assert await refused.close_code() == 4409
            assert refused.received == []

    async with opened(live.ws_url, alice) as admitted:
        await admitted.send({"type": "ping"})
        assert await admitted.receive() == {"type": "pong"}


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
