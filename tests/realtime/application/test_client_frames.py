"""What a socket does with the client's own frames, and with a client that stops reading."""

import asyncio

import pytest

from contexts.realtime.domain.ending import Ending
from contexts.realtime.domain.errors import NotAParticipantError
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from tests.eventually import eventually
from tests.realtime.application.conftest import SETTINGS, Realtime, settle, users
from tests.realtime.application.fakes import RecordingClient


def typing_frames(client: RecordingClient) -> list[Frame]:
    return [sent for sent in client.sent if isinstance(sent, Frame) and sent.type == FrameType.TYPING]


async def test_typing_reaches_the_other_participants_only(realtime: Realtime) -> None:
    alice, bob, carol, dave = users(4)
    conversation = await realtime.conversation(alice, bob, carol)
    async with (
        realtime.connected(alice) as (typist, alices_phone),
        realtime.connected(alice) as (_, alices_laptop),
        realtime.connected(bob) as (_, bobs_phone),
        realtime.connected(dave) as (_, daves_phone),
    ):
        for client in (alices_phone, alices_laptop, bobs_phone, daves_phone):
            client.sent.clear()  # presence frames of those connecting

        await typist.typing(conversation)

        frame = Frame(FrameType.TYPING, {"conversation_id": str(conversation), "user_id": str(alice)})

        async def delivered() -> None:
            assert typing_frames(bobs_phone) == [frame]

        await eventually(delivered)
        await settle()
        assert typing_frames(alices_phone) == typing_frames(alices_laptop) == typing_frames(daves_phone) == []


async def test_typing_in_a_conversation_the_user_takes_no_part_in_is_refused(realtime: Realtime) -> None:
    alice, bob, carol = users(3)
    theirs = await realtime.conversation(bob, carol)
    async with realtime.connected(alice) as (socket, _):
        with pytest.raises(NotAParticipantError):
            await socket.typing(theirs)
        with pytest.raises(NotAParticipantError):
            await socket.typing(await realtime.conversation())


async def test_ping_is_answered_with_pong(realtime: Realtime) -> None:
    async with realtime.connected(next(users(1))) as (socket, client):
        await socket.ping()

        assert client.sent == ["ready", "pong"]


async def test_a_client_that_stops_reading_ends_its_socket_once_its_queue_is_full(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)
    client = RecordingClient()
    async with realtime.sockets.open(realtime.grant(alice), client) as socket:
        running = asyncio.create_task(socket.run())
        await socket.ping()
        client.stall()

        await realtime.send(conversation, *range(1, SETTINGS.send_queue_frames + 3))

        await asyncio.wait_for(running, timeout=10)
        assert running.result() is Ending.TOO_SLOW
