"""Presence on a running server: `presence` frames to the users who share a conversation, and
`GET /api/v1/presence`, which discloses only theirs."""

from collections.abc import AsyncIterator
from datetime import datetime
from functools import partial
from typing import Any

import pytest

from kernel.ids import new_id
from tests.api import User
from tests.eventually import eventually
from tests.messaging.http.chat import create_group, direct_conversation
from tests.problems import assert_problem
from tests.realtime.live import LiveMonolith, Socket, live_settings, opened, serve_live_monolith


@pytest.fixture(scope="module")
async def live(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LiveMonolith]:
    async with serve_live_monolith(live_settings(tmp_path_factory.mktemp("presence"))) as served:
        yield served


async def presence_of(asker: User, *users: User | str) -> list[dict[str, Any]]:
    """The presence of `users`, given as users or ids, as `asker` reads it."""
    user_ids = ",".join(user if isinstance(user, str) else user.id for user in users)
    response = await asker.client.get("/api/v1/presence", params={"user_ids": user_ids})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def next_presence(socket: Socket) -> dict[str, Any]:
    frame = await socket.receive(ignoring=())
    assert frame["type"] == "presence", frame
    data: dict[str, Any] = frame["data"]
    return data


async def test_contacts_see_a_user_online_from_their_first_socket_until_their_last_closes(
    live: LiveMonolith,
) -> None:
    alice, bob, carol, dave = [await live.api.sign_up() for _ in range(4)]
    async with opened(live.ws_url, bob) as bobs, opened(live.ws_url, carol) as carols:
        await direct_conversation(alice, bob)
        await direct_conversation(carol, dave)
        await bobs.receive_data("conversation.created")
        await carols.receive_data("conversation.created")

        async with opened(live.ws_url, alice):
            assert await next_presence(bobs) == {"user_id": alice.id, "status": "online"}
            async with opened(live.ws_url, alice):
                pass
            statuses = [p["status"] for p in await presence_of(bob, alice, bob)]
            assert statuses == ["online", "online"]
        assert await next_presence(bobs) == {"user_id": alice.id, "status": "offline"}

        # Carol shares no conversation with Alice: the first presence she hears of is Dave's.
        async with opened(live.ws_url, dave):
            assert await next_presence(carols) == {"user_id": dave.id, "status": "online"}

    [alices] = await presence_of(bob, alice)
    assert (alices["user_id"], alices["status"]) == (alice.id, "offline")
    assert alices["last_seen_at"] is not None


async def test_presence_is_answered_in_the_order_asked(live: LiveMonolith) -> None:
    alice, bob = await live.api.sign_up(), await live.api.sign_up()
    await direct_conversation(alice, bob)
    async with opened(live.ws_url, bob):
        bobs, alices = await presence_of(alice, bob, alice)

    assert (bobs["user_id"], bobs["status"]) == (bob.id, "online")
    assert datetime.fromisoformat(bobs["last_seen_at"]).tzinfo is not None
    assert alices == {"user_id": alice.id, "status": "offline", "last_seen_at": None}


def never_seen(user_id: str) -> dict[str, Any]:
    return {"user_id": user_id, "status": "offline", "last_seen_at": None}


async def test_a_strangers_presence_is_answered_as_that_of_an_id_that_belongs_to_nobody(
    live: LiveMonolith,
) -> None:
    alice, bob, carol = [await live.api.sign_up() for _ in range(3)]
    await direct_conversation(alice, bob)
    await direct_conversation(bob, carol)
    nobody = str(new_id())
    async with opened(live.ws_url, bob), opened(live.ws_url, carol):
        await eventually(partial(seen_online, alice, bob))
        bobs, carols, nobodys = await presence_of(alice, bob, carol, nobody)

    assert bobs["status"] == "online"
    assert carols == never_seen(carol.id)
    assert nobodys == never_seen(nobody)


async def test_a_member_who_left_the_only_shared_group_is_no_longer_disclosed(live: LiveMonolith) -> None:
    alice, bob, carol = [await live.api.sign_up() for _ in range(3)]
    group_id = await create_group(alice, bob, carol)
    async with opened(live.ws_url, bob):
        await eventually(partial(seen_online, alice, bob))

        left = await bob.client.delete(f"/api/v1/groups/{group_id}/members/{bob.id}")
        assert left.status_code == 204, left.text

        await eventually(partial(seen_as, alice, never_seen(bob.id)))
        assert await presence_of(carol, bob) == [never_seen(bob.id)]


async def seen_online(asker: User, user: User) -> None:
    """`user` is online to `asker`: they are contacts as realtime knows it."""
    [seen] = await presence_of(asker, user)
    assert seen["status"] == "online", seen


async def seen_as(asker: User, presence: dict[str, Any]) -> None:
    assert await presence_of(asker, presence["user_id"]) == [presence]


async def test_presence_needs_an_access_token(live: LiveMonolith) -> None:
    response = await live.api.client.get("/api/v1/presence", params={"user_ids": str(new_id())})

    assert_problem(response, 401)


@pytest.mark.parametrize(
    "user_ids",
    ["", "nope", f"{new_id()},nope", f"{new_id()},", ",".join(str(new_id()) for _ in range(101))],
    ids=["empty", "not a uuid", "one not a uuid", "trailing comma", "too many"],
)
async def test_bad_user_ids_are_a_422(live: LiveMonolith, user_ids: str) -> None:
    alice = await live.api.sign_up()

    response = await alice.client.get("/api/v1/presence", params={"user_ids": user_ids})

    problem = assert_problem(response, 422)
    assert problem["errors"][0]["field"] == "user_ids"


async def test_a_missing_user_ids_parameter_is_a_422(live: LiveMonolith) -> None:
    alice = await live.api.sign_up()

    assert_problem(await alice.client.get("/api/v1/presence"), 422)
