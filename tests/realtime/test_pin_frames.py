"""Pins reach both participants' sockets as they are pinned, unpinned, and unpinned by a deletion."""

from collections.abc import AsyncIterator

import pytest

from tests.messaging.http.chat import direct_conversation, message_path, sent
from tests.messaging.http.pins import pin, pin_path
from tests.realtime.live import LiveMonolith, live_settings, opened, serve_live_monolith


@pytest.fixture(scope="module")
async def live(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LiveMonolith]:
    async with serve_live_monolith(live_settings(tmp_path_factory.mktemp("pin-frames"))) as served:
        yield served


async def test_pins_and_unpins_reach_both_participants(live: LiveMonolith) -> None:
    alice, bob = [await live.api.sign_up() for _ in range(2)]
    async with opened(live.ws_url, alice) as alices, opened(live.ws_url, bob) as bobs:
        conversation_id = await direct_conversation(alice, bob)
        message = await sent(alice, conversation_id, "keep this")
        assert (await pin(bob, conversation_id, message["id"])).status_code == 204
        assert (await alice.client.delete(pin_path(conversation_id, message["id"]))).status_code == 204
        assert (await pin(alice, conversation_id, message["id"])).status_code == 204
        assert (await bob.client.delete(message_path(conversation_id, message["id"]))).status_code == 403
        assert (await alice.client.delete(message_path(conversation_id, message["id"]))).status_code == 204
        for socket in (alices, bobs):
            await socket.receive_data("conversation.created")
            await socket.receive_data("message.created")
            pinned = await socket.receive_data("message.pinned")
            assert pinned.keys() == {"conversation_id", "message_id", "pinned_by", "pinned_at"}
            assert (pinned["conversation_id"], pinned["message_id"], pinned["pinned_by"]) == (
                conversation_id,
                message["id"],
                bob.id,
            )
            unpinned = {"conversation_id": conversation_id, "message_id": message["id"]}
            assert await socket.receive_data("message.unpinned") == unpinned
            assert (await socket.receive_data("message.pinned"))["pinned_by"] == alice.id
            assert (await socket.receive_data("message.deleted"))["id"] == message["id"]
            assert await socket.receive_data("message.unpinned") == unpinned
