"""Each conversation's `message.created` frames reach a socket in `seq` order, with no gap and no
repeat, whatever pub/sub loses or delivers twice and however a resume overlaps live frames."""

import asyncio
from dataclasses import replace

from contexts.realtime.application.socket import REPLAY_PAGE
from tests.eventually import eventually
from tests.realtime.application.conftest import HOLDING, Realtime, delivered, settle, users


async def test_live_frames_wait_for_the_clients_first_frame(realtime: Realtime) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)
    async with realtime.connected(alice, HOLDING) as (socket, client):
        await realtime.send(conversation, 1)
        await settle()

        await socket.ping()

        async def delivered() -> None:
            assert client.sent[:2] == ["ready", "pong"]
            assert client.seqs() == [1]

        await eventually(delivered)


async def test_without_a_client_frame_live_frames_go_once_the_resume_window_passes(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)
    async with realtime.connected(alice, replace(HOLDING, resume_window_seconds=0.05)) as (_, client):
        await realtime.send(conversation, 1)

        await delivered(client, [1])
        assert client.sent[0] == "ready"


async def test_a_message_already_delivered_is_not_delivered_again(realtime: Realtime) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)
    async with realtime.connected(alice) as (socket, client):
        await socket.ping()
        await realtime.send(conversation, 1, 2, 1, 2)
        await realtime.send(conversation, 3)

        await delivered(client, [1, 2, 3])


async def test_messages_lost_on_the_way_are_filled_in_from_the_log_before_the_next(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)
    async with realtime.connected(alice) as (socket, client):
        await socket.ping()
        await realtime.send(conversation, 1)
        await realtime.lose(conversation, 2, 3)
        await realtime.send(conversation, 4)

        await delivered(client, [1, 2, 3, 4])


async def test_the_first_message_of_a_conversation_on_a_socket_starts_its_order_there(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)
    await realtime.send(conversation, 1, 2, 3)
    async with realtime.connected(alice) as (socket, client):
        await socket.ping()
        await realtime.send(conversation, 4, 5)

        await delivered(client, [4, 5])


async def test_resume_replays_the_log_before_the_live_frames_that_waited_and_drops_those_replayed(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)
    await realtime.send(conversation, 1, 2, 3, 4, 5)
    async with realtime.connected(alice, HOLDING) as (socket, client):
        await realtime.send(conversation, 6, 7)  # while the client reconnects
        await settle()

        await socket.resume({conversation: 2})
        await realtime.send(conversation, 8)

        await delivered(client, [3, 4, 5, 6, 7, 8])
        assert client.sent.index("resumed") == 6


async def test_a_resume_after_live_frames_began_holds_them_until_its_replay_is_done(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)
    await realtime.send(conversation, 1, 2, 3)
    async with realtime.connected(alice) as (socket, client):
        await socket.ping()
        realtime.log.readable.clear()
        resuming = asyncio.create_task(socket.resume({conversation: 0}))
        await settle()

        await realtime.send(conversation, 4)  # while the replay waits for the log
        await settle()
        realtime.log.readable.set()
        await resuming

        await delivered(client, [1, 2, 3, 4])
        await settle()
        assert client.sent[-1] == "resumed"


async def test_resume_replays_every_conversation_asked_past_many_pages(realtime: Realtime) -> None:
    alice, bob = users(2)
    long, short = await realtime.conversation(alice, bob), await realtime.conversation(alice, bob)
    many = 2 * REPLAY_PAGE + 1
    await realtime.send(long, *range(1, many + 1))
    await realtime.send(short, 1, 2)
    async with realtime.connected(alice) as (socket, client):
        await socket.resume({long: 0, short: 1})

        assert client.seqs() == [*range(1, many + 1), 2]
        assert client.sent[-1] == "resumed"


async def test_resume_skips_conversations_the_user_takes_no_part_in(realtime: Realtime) -> None:
    alice, bob, carol = users(3)
    theirs = await realtime.conversation(bob, carol)
    await realtime.send(theirs, 1, 2)
    async with realtime.connected(alice) as (socket, client):
        await socket.resume({theirs: 0})

        assert client.sent == ["ready", "resumed"]


async def test_resume_does_not_repeat_what_the_socket_delivered_since_the_cursor(realtime: Realtime) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)
    await realtime.send(conversation, 1, 2)
    async with realtime.connected(alice) as (socket, client):
        await socket.ping()
        await realtime.send(conversation, 3)

        await delivered(client, [3])

        await socket.resume({conversation: 2})

        assert client.seqs() == [3]
        assert client.sent[-1] == "resumed"


async def test_a_conversation_further_behind_than_a_resume_replays_is_named_too_old_and_skipped(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    near, far = await realtime.conversation(alice, bob), await realtime.conversation(alice, bob)
    await realtime.send(near, 1, 2, 3)
    await realtime.send(far, *range(1, 6))
    async with realtime.connected(alice, replace(HOLDING, resume_max_messages=2)) as (socket, client):
        await socket.resume({near: 1, far: 1})
        await realtime.send(far, 6)

        await delivered(client, [2, 3, 6])
        assert client.too_old == [far]
