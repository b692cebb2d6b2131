"""Resuming after a dropped socket while messages keep coming: the client's messages are exactly
1..N, in order, whatever arrived while it was away and during the replay."""

import asyncio
import itertools
from collections.abc import AsyncIterator

import pytest

from tests.api import User
from tests.eventually import eventually
from tests.messaging.http.chat import direct_conversation, sent
from tests.realtime.live import LiveMonolith, live_settings, opened, received_until, serve_live_monolith

SEEN_BEFORE_DROPPING = 15
MISSED_AT_LEAST = 10
LIVE_AFTER_RESUMING_AT_LEAST = 10


@pytest.fixture(scope="module")
async def live(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LiveMonolith]:
    async with serve_live_monolith(live_settings(tmp_path_factory.mktemp("resume"))) as served:
        yield served


class Sender:
    """Bob, sending messages through the REST API one after another until told to stop."""

    def __init__(self, bob: User, conversation_id: str) -> None:
        self.count = 0
        self._stop = asyncio.Event()
        self._task = asyncio.create_task(self._send(bob, conversation_id))

    async def stop(self) -> int:
        """Stop, and answer how many messages were sent."""
        self._stop.set()
        await self._task
        return self.count

    async def _send(self, bob: User, conversation_id: str) -> None:
        for n in itertools.count(1):
            if self._stop.is_set():
                return
            await sent(bob, conversation_id, f"message {n}")
            self.count = n


async def test_a_client_that_drops_and_resumes_under_load_gets_every_message_once_in_order(
    live: LiveMonolith,
) -> None:
    alice, bob = await live.api.sign_up(), await live.api.sign_up()
    async with opened(live.ws_url, bob) as bobs:
        async with opened(live.ws_url, alice) as first:
            conversation_id = await direct_conversation(bob, alice)
            await first.receive_data("conversation.created")
            await bobs.receive_data("conversation.created")
            sender = Sender(bob, conversation_id)
            before = await received_until(first, SEEN_BEFORE_DROPPING)

        # Bob's socket shows what realtime has logged: Alice missed these at least.
        await received_until(bobs, SEEN_BEFORE_DROPPING + MISSED_AT_LEAST)
        async with opened(live.ws_url, alice) as second:
            await second.send({"type": "resume", "cursors": {conversation_id: SEEN_BEFORE_DROPPING}})
            replayed = await received_until(second, "resumed")
            sent_when_resumed = sender.count

            async def more_sent() -> None:
                assert sender.count >= sent_when_resumed + LIVE_AFTER_RESUMING_AT_LEAST

            await eventually(more_sent)
            total = await sender.stop()
            after = await received_until(second, total)
        await received_until(bobs, total)  # a client closes only once it has read what came before the close

    assert [seq for seq in [*before, *replayed, *after] if seq != "resumed"] == list(range(1, total + 1))
    assert replayed.index("resumed") >= MISSED_AT_LEAST
    assert len(after) >= LIVE_AFTER_RESUMING_AT_LEAST
