"""A client that stops reading is cut off with 4429 once its send queue is full, without holding up
anyone else's frames; it then resumes and misses nothing."""

import random
import string
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.messaging.http.chat import direct_conversation, send
from tests.realtime.live import LiveMonolith, live_settings, opened, serve_live_monolith

SEND_QUEUE_FRAMES = 8
AT_MOST = 1000
"""Messages to send before giving up on the slow client being cut off."""


@pytest.fixture(scope="module")
async def live(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LiveMonolith]:
    settings = live_settings(tmp_path_factory.mktemp("slow"), realtime_send_queue_frames=SEND_QUEUE_FRAMES)
    async with serve_live_monolith(settings, send_buffer_bytes=4096) as served:
        yield served


def a_long_body() -> str:
    """The longest body allowed, and random: compression would otherwise shrink its frame to nothing,
    and it takes few such frames to fill the buffers between a server and a client that stopped reading."""
    return "".join(random.choices(string.ascii_letters, k=4000))


def went_offline(frames: list[dict[str, Any]], user_id: str) -> bool:
    return {"type": "presence", "data": {"user_id": user_id, "status": "offline"}} in frames


async def test_a_client_that_stops_reading_is_closed_with_4429_and_others_keep_receiving(
    live: LiveMonolith,
) -> None:
    alice, bob = await live.api.sign_up(), await live.api.sign_up()
    async with opened(live.ws_url, bob) as bobs:
        async with opened(live.ws_url, alice) as alices:
            conversation_id = await direct_conversation(bob, alice)
            await bobs.receive_data("conversation.created")
            await alices.receive_data("conversation.created")
            alices.connection.transport.pause_reading()  # Alice's device hangs

            # Bob gets each of his messages before he sends the next, while Alice's pile up.
            for seq in range(1, AT_MOST + 1):
                response = await send(bob, conversation_id, a_long_body(), client_message_id=f"message {seq}")
                assert response.status_code == 201, response.text
                assert (await bobs.receive_data("message.created"))["seq"] == seq
                if went_offline(bobs.received, alice.id):
                    break
            else:
                pytest.fail(f"Alice's socket was still open after {AT_MOST} messages")
            sent_count = seq

            alices.connection.transport.resume_reading()
            assert await alices.close_code() == 4429
        seen = [frame["data"]["seq"] for frame in alices.received if frame["type"] == "message.created"]
        assert seen == list(range(1, len(seen) + 1))

        async with opened(live.ws_url, alice) as again:
            await again.send({"type": "resume", "cursors": {conversation_id: seen[-1]}})
            replayed = [
                (await again.receive_data("message.created"))["seq"] for _ in range(sent_count - seen[-1])
            ]
            assert await again.receive() == {"type": "resumed"}

        assert replayed == list(range(seen[-1] + 1, sent_count + 1))
