"""Bad WebSocket input on a running server, beyond the refused frames of tests/realtime/test_protocol.py:
frames out of order, odd JSON, large but lawful frames, and clients that leave at awkward moments.

Whatever a client sends, its socket either stays usable (a later `ping` gets `pong`) or closes
with the code docs/api/realtime.md documents, and the server goes on serving everyone else.
"""

import json
from collections.abc import AsyncIterator
from uuid import uuid4

import pytest

from tests.api import User
from tests.realtime.live import (
    MAX_FRAME_BYTES,
    LiveMonolith,
    Socket,
    opened,
    serve_live_monolith,
    strict_settings,
)

NOT_AUTHENTICATED = 4401
TOO_LARGE = 1009
UNKNOWN_CONVERSATION = "8c6f1d2e-0000-4000-8000-000000000000"


@pytest.fixture(scope="module")
async def live(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LiveMonolith]:
    async with serve_live_monolith(strict_settings(tmp_path_factory.mktemp("bad-input"))) as served:
        yield served


@pytest.fixture
async def alice(live: LiveMonolith) -> User:
    return await live.api.sign_up()


async def assert_usable(socket: Socket) -> None:
    await socket.send({"type": "ping"})
    assert await socket.receive() == {"type": "pong"}


def nested(depth: int) -> str:
    """A JSON array nested `depth` deep: small on the wire, deep for a recursive parser."""
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    "first_frame",
    [
        {"type": "resume", "cursors": {}},
        {"type": "typing", "conversation_id": UNKNOWN_CONVERSATION},
        {"type": "auth", "token": 42},
        {"type": "auth", "token": ""},
        '{"type": "auth", "token": "\\ud800"}',
        "",
        nested(MAX_FRAME_BYTES // 2),
    ],
    ids=[
        "resume",
        "typing",
        "token not a string",
        "empty token",
        "lone surrogate in the token",
        "empty",
        "deeply nested",
    ],
)
async def test_any_first_frame_but_a_valid_auth_closes_the_socket_with_4401(
    live: LiveMonolith, first_frame: object
) -> None:
    async with opened(live.ws_url) as socket:
        await socket.send(first_frame)

        assert await socket.close_code() == NOT_AUTHENTICATED
        assert socket.received == []


async def test_a_valid_auth_frame_sent_as_binary_closes_the_socket_with_4401(
    live: LiveMonolith, alice: User
) -> None:
    async with opened(live.ws_url) as socket:
        await socket.connection.send(json.dumps({"type": "auth", "token": alice.access_token}).encode())

        assert await socket.close_code() == NOT_AUTHENTICATED


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("", "malformed_frame"),
        ("null", "malformed_frame"),
        (nested(MAX_FRAME_BYTES // 2), "malformed_frame"),
        ({"type": None}, "unknown_frame_type"),
        ({"type": 7}, "unknown_frame_type"),
        ({"type": "PING"}, "unknown_frame_type"),
        ({"type": "message.reactions_changed", "data": {}}, "unknown_frame_type"),
        ({"type": "resume"}, "malformed_frame"),
        ({"type": "resume", "cursors": {UNKNOWN_CONVERSATION: True}}, "malformed_frame"),
        ({"type": "resume", "cursors": {UNKNOWN_CONVERSATION: 1.5}}, "malformed_frame"),
        ({"type": "resume", "cursors": {UNKNOWN_CONVERSATION: None}}, "malformed_frame"),
        ('{"type": "typing", "conversation_id": "\\ud800"}', "malformed_frame"),
    ],
    ids=[
        "empty",
        "null",
        "deeply nested",
        "null type",
        "numeric type",
        "type in the wrong case",
        "a server frame's type",
        "resume without cursors",
        "boolean seq",
        "fractional seq",
        "null seq",
        "lone surrogate",
    ],
)
async def test_an_odd_frame_is_refused_and_the_socket_stays_usable(
    live: LiveMonolith, alice: User, frame: object, code: str
) -> None:
    async with opened(live.ws_url, alice) as socket:
        await socket.send(frame)

        assert (await socket.receive_data("error"))["code"] == code
        await assert_usable(socket)


async def test_resuming_twice_is_answered_twice(live: LiveMonolith, alice: User) -> None:
    async with opened(live.ws_url, alice) as socket:
        for _ in range(2):
            await socket.send({"type": "resume", "cursors": {UNKNOWN_CONVERSATION: 0}})

            assert await socket.receive() == {"type": "resumed"}
        await assert_usable(socket)


async def test_resuming_as_many_conversations_as_a_frame_holds_skips_the_unknown_ones(
    live: LiveMonolith, alice: User
) -> None:
    cursors = {str(uuid4()): 2**31 - 1 for _ in range(MAX_FRAME_BYTES // 64)}
    frame = {"type": "resume", "cursors": cursors}
    assert len(json.dumps(frame)) <= MAX_FRAME_BYTES
    async with opened(live.ws_url, alice) as socket:
        await socket.send(frame)

        assert await socket.receive() == {"type": "resumed"}
        await assert_usable(socket)


async def test_a_client_leaving_right_after_its_frames_leaves_the_server_serving(
    live: LiveMonolith, alice: User
) -> None:
    """The answers to these frames go to a socket already gone."""
    async with opened(live.ws_url, alice) as leaving:
        await leaving.send({"type": "resume", "cursors": {UNKNOWN_CONVERSATION: 0}})
        await leaving.send({"type": "typing", "conversation_id": UNKNOWN_CONVERSATION})
        await leaving.send({"type": "ping"})

    async with opened(live.ws_url, alice) as socket:
        await assert_usable(socket)


async def test_a_socket_closed_for_its_bad_input_leaves_the_others_served(
    live: LiveMonolith, alice: User
) -> None:
    async with opened(live.ws_url, alice) as bystander:
        async with opened(live.ws_url, alice) as oversized:
            await oversized.send({"type": "ping", "padding": "x" * MAX_FRAME_BYTES})
            assert await oversized.close_code() == TOO_LARGE
        async with opened(live.ws_url) as unauthenticated:
            await unauthenticated.send({"type": "ping"})
            assert await unauthenticated.close_code() == NOT_AUTHENTICATED

        await assert_usable(bystander)
        async with opened(live.ws_url, alice) as newcomer:
            await assert_usable(newcomer)
