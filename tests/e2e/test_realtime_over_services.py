"""Two realtime instances behind one Redis and one broker: a user's frames reach them on whichever
instance holds their socket, the users of an instance that dies go offline by themselves, and a
session that ends closes its sockets on both."""

import pytest

from tests.messaging.http.chat import as_framed, direct_conversation, sent
from tests.realtime.live import opened
from tests.services import Services

TWO_REALTIME_INSTANCES = pytest.mark.parametrize("services", [{"realtime": 2}], indirect=True)


def ws_url(services: Services, instance: str) -> str:
    return services.processes[instance].url.replace("http://", "ws://") + "/ws"


@TWO_REALTIME_INSTANCES
async def test_frames_cross_instances_and_a_killed_instance_takes_its_users_offline(
    services: Services,
) -> None:
    alice, bob = await services.api.sign_up("alice"), await services.api.sign_up("bob")
    async with (
        opened(ws_url(services, "realtime"), alice) as on_first,
        opened(ws_url(services, "realtime-2"), bob) as on_second,
    ):
        conversation_id = await direct_conversation(alice, bob)
        for socket in (on_first, on_second):
            assert (await socket.receive_data("conversation.created"))["id"] == conversation_id
        # One instance consumes the event; the other's user gets it through Redis.
        message = await sent(alice, conversation_id, "across instances")
        assert await on_first.receive_data("message.created") == as_framed(message)
        assert await on_second.receive_data("message.created") == as_framed(message)

        # Typing is published by the instance holding the typist's socket.
        await on_second.send({"type": "typing", "conversation_id": conversation_id})
        typing = await on_first.receive_data("typing")
        assert typing == {"conversation_id": conversation_id, "user_id": bob.id}

        await services.processes["realtime-2"].kill()
        presence = await on_first.receive(ignoring=())
        assert presence == {"type": "presence", "data": {"user_id": bob.id, "status": "offline"}}

    answer = await alice.client.get("/api/v1/presence", params={"user_ids": f"{alice.id},{bob.id}"})
    assert answer.status_code == 200, answer.text
    assert [item["status"] for item in answer.json()["items"]] == ["offline", "offline"]


@TWO_REALTIME_INSTANCES
async def test_signing_out_closes_the_sessions_sockets_on_every_instance(services: Services) -> None:
    alice = await services.api.sign_up("alice")
    async with (
        opened(ws_url(services, "realtime"), alice) as on_first,
        opened(ws_url(services, "realtime-2"), alice) as on_second,
    ):
        signed_out = await alice.client.delete("/api/v1/sessions/current")
        assert signed_out.status_code == 204, signed_out.text

        assert await on_first.close_code() == 4401
        assert await on_second.close_code() == 4401
