"""A device that vanishes without closing its socket is found out by the server's pings, and its
user goes offline."""

from collections.abc import AsyncIterator

import pytest

from tests.messaging.http.chat import direct_conversation
from tests.realtime.live import LiveMonolith, live_settings, opened, serve_live_monolith


@pytest.fixture(scope="module")
async def live(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LiveMonolith]:
    settings = live_settings(
        tmp_path_factory.mktemp("dead-peer"),
        realtime_ping_interval_seconds=0.2,
        realtime_ping_timeout_seconds=0.5,
    )
    async with serve_live_monolith(settings) as served:
        yield served


async def test_a_peer_that_stops_answering_pings_is_disconnected_and_its_user_goes_offline(
    live: LiveMonolith,
) -> None:
    alice, bob = await live.api.sign_up(), await live.api.sign_up()
    # Bob's device answers the pings, however many come while this test runs.
    async with opened(live.ws_url, bob) as bobs:
        await direct_conversation(alice, bob)
        await bobs.receive_data("conversation.created")
        async with opened(live.ws_url, alice) as alices:
            assert (await bobs.receive(ignoring=()))["data"] == {"user_id": alice.id, "status": "online"}

            alices.connection.transport.pause_reading()  # no pong comes back any more

            assert (await bobs.receive(ignoring=()))["data"] == {"user_id": alice.id, "status": "offline"}
            response = await bob.client.get("/api/v1/presence", params={"user_ids": alice.id})
            assert response.json()["items"][0]["status"] == "offline"
            alices.connection.transport.resume_reading()
            assert await alices.close_code() == 1011
