"""Every server frame reaches every socket of the users it concerns, and no one else's.

That a frame did not reach a socket shows in what reaches it next: a later change whose frame
travels the same way (the same context's events, which realtime consumes in order, or the same
pub/sub) and is meant for that socket arrives as its next frame, with nothing before it.
"""

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.api import User
from tests.eventually import eventually
from tests.messaging.http.chat import direct_conversation, message_path, reaction_path, sent
from tests.realtime.live import LiveMonolith, live_settings, opened, serve_live_monolith


@pytest.fixture(scope="module")
async def live(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LiveMonolith]:
    async with serve_live_monolith(live_settings(tmp_path_factory.mktemp("frames"))) as served:
        yield served


async def create_group(owner: User, *members: User) -> dict[str, Any]:
    async def created() -> dict[str, Any]:
        response = await owner.client.post(
            "/api/v1/groups", json={"name": "Crew", "member_ids": [member.id for member in members]}
        )
        assert response.status_code == 201, response.text  # 422 until groups has heard of the members
        group: dict[str, Any] = response.json()
        return group

    return await eventually(created)


def members(group: dict[str, Any]) -> dict[str, str]:
    return {member["user_id"]: member["role"] for member in group["members"]}


async def notifications(user: User) -> list[dict[str, Any]]:
    response = await user.client.get("/api/v1/notifications")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_a_direct_conversation_and_its_messages_reach_its_two_participants_only(
    live: LiveMonolith,
) -> None:
    alice, bob, carol = [await live.api.sign_up() for _ in range(3)]
    async with (
        opened(live.ws_url, alice) as alices,
        opened(live.ws_url, bob) as bobs,
        opened(live.ws_url, carol) as carols,
    ):
        conversation_id = await direct_conversation(alice, bob)
        for socket in (alices, bobs):
            conversation = await socket.receive_data("conversation.created")
            assert (conversation["id"], conversation["kind"]) == (conversation_id, "direct")
            assert set(conversation["participant_ids"]) == {alice.id, bob.id}

        message = await sent(alice, conversation_id, "hi Bob")
        edited = await alice.client.patch(
            message_path(conversation_id, message["id"]), json={"body": "hi, Bob"}
        )
        assert edited.status_code == 200, edited.text
        deleted = await alice.client.delete(message_path(conversation_id, message["id"]))
        assert deleted.status_code == 204, deleted.text
        read = await bob.client.post(f"/api/v1/conversations/{conversation_id}/read", json={"seq": 1})
        assert read.status_code == 204, read.text
        for socket in (alices, bobs):
            created = await socket.receive_data("message.created")
            assert (created["id"], created["seq"], created["body"]) == (message["id"], 1, "hi Bob")
            assert (await socket.receive_data("message.edited"))["body"] == "hi, Bob"
            tombstone = await socket.receive_data("message.deleted")
            assert (tombstone["id"], tombstone["deleted"], tombstone["body"]) == (message["id"], True, "")
            assert await socket.receive_data("conversation.read") == {
                "conversation_id": conversation_id,
                "user_id": bob.id,
                "seq": 1,
            }

        carols_conversation = await direct_conversation(carol, alice)
        assert (await carols.receive_data("conversation.created"))["id"] == carols_conversation


async def test_reactions_reach_the_participants_only_with_the_whole_list(live: LiveMonolith) -> None:
    alice, bob, carol = [await live.api.sign_up() for _ in range(3)]
    async with (
        opened(live.ws_url, alice) as alices,
        opened(live.ws_url, bob) as bobs,
        opened(live.ws_url, carol) as carols,
    ):
        conversation_id = await direct_conversation(alice, bob)
        message = await sent(alice, conversation_id, "react to me")
        for emoji, user, method in [("👍", bob, "PUT"), ("🎉", alice, "PUT"), ("👍", bob, "DELETE")]:
            answer = await user.client.request(method, reaction_path(conversation_id, message["id"], emoji))
            assert answer.status_code == 204, answer.text
        for socket in (alices, bobs):
            await socket.receive_data("conversation.created")
            await socket.receive_data("message.created")
            changes = [await socket.receive_data("message.reactions_changed") for _ in range(3)]
            assert changes[1] == {
                "conversation_id": conversation_id,
                "message_id": message["id"],
                "user_id": alice.id,
                "emoji": "🎉",
                "added": True,
                "reactions": [{"emoji": "👍", "count": 1}, {"emoji": "🎉", "count": 1}],
            }
            assert [(change["user_id"], change["emoji"], change["added"]) for change in changes] == [
                (bob.id, "👍", True),
                (alice.id, "🎉", True),
                (bob.id, "👍", False),
            ]
            assert changes[2]["reactions"] == [{"emoji": "🎉", "count": 1}]

        carols_conversation = await direct_conversation(carol, alice)
        assert (await carols.receive_data("conversation.created"))["id"] == carols_conversation


async def test_a_group_and_its_conversation_reach_its_members_as_they_come_and_go(live: LiveMonolith) -> None:
    alice, bob, carol, dave = [await live.api.sign_up() for _ in range(4)]
    async with (
        opened(live.ws_url, alice) as alices,
        opened(live.ws_url, bob) as bobs,
        opened(live.ws_url, carol) as carols,
        opened(live.ws_url, dave) as daves,
    ):
        group = await create_group(alice, bob)
        for socket in (alices, bobs):
            told = await socket.receive_each("group.updated", "conversation.created")
            assert (told["group.updated"]["id"], told["group.updated"]["name"]) == (group["id"], "Crew")
            assert members(told["group.updated"]) == {alice.id: "owner", bob.id: "member"}
            assert told["conversation.created"]["id"] == group["id"]

        added = await alice.client.post(f"/api/v1/groups/{group['id']}/members", json={"user_id": carol.id})
        assert added.status_code == 201, added.text
        for socket in (alices, bobs):
            assert carol.id in members(await socket.receive_data("group.updated"))
        told = await carols.receive_each("group.updated", "conversation.created")
        assert set(told["conversation.created"]["participant_ids"]) == {alice.id, bob.id, carol.id}

        removed = await alice.client.delete(f"/api/v1/groups/{group['id']}/members/{bob.id}")
        assert removed.status_code == 204, removed.text
        for socket in (alices, bobs, carols):
            assert members(await socket.receive_data("group.updated")) == {
                alice.id: "owner",
                carol.id: "member",
            }

        # Realtime hears of Bob leaving the conversation (from messaging) after he left the group
        # (from groups), but before this message, also from messaging.
        message = await sent(alice, group["id"], "just us")
        for socket in (alices, carols):
            assert (await socket.receive_data("message.created"))["id"] == message["id"]
        await carols.send({"type": "typing", "conversation_id": group["id"]})
        assert await alices.receive_data("typing") == {"conversation_id": group["id"], "user_id": carol.id}

        # Bob, out of the group, and Dave, never in it, next hear of their own groups only.
        for socket, user in ((bobs, bob), (daves, dave)):
            own = await create_group(user)
            told = await socket.receive_each("group.updated", "conversation.created")
            assert told["group.updated"]["id"] == own["id"]


async def test_typing_reaches_the_other_participants_only_and_not_the_typists_other_devices(
    live: LiveMonolith,
) -> None:
    alice, bob = await live.api.sign_up(), await live.api.sign_up()
    async with (
        opened(live.ws_url, alice) as alices_phone,
        opened(live.ws_url, alice) as alices_laptop,
        opened(live.ws_url, bob) as bobs,
    ):
        conversation_id = await direct_conversation(alice, bob)
        for socket in (alices_phone, alices_laptop, bobs):
            assert (await socket.receive_data("conversation.created"))["id"] == conversation_id

        await alices_phone.send({"type": "typing", "conversation_id": conversation_id})
        assert await bobs.receive_data("typing") == {"conversation_id": conversation_id, "user_id": alice.id}

        await bobs.send({"type": "typing", "conversation_id": conversation_id})
        for socket in (alices_phone, alices_laptop):
            assert await socket.receive_data("typing") == {
                "conversation_id": conversation_id,
                "user_id": bob.id,
            }


async def test_every_socket_of_a_user_gets_every_frame(live: LiveMonolith) -> None:
    alice, bob = await live.api.sign_up(), await live.api.sign_up()
    async with opened(live.ws_url, alice) as alices_phone, opened(live.ws_url, alice) as alices_laptop:
        conversation_id = await direct_conversation(bob, alice)
        messages = [await sent(bob, conversation_id, f"message {n}") for n in range(1, 4)]

        for socket in (alices_phone, alices_laptop):
            assert (await socket.receive_data("conversation.created"))["id"] == conversation_id
            for message in messages:
                assert (await socket.receive_data("message.created"))["id"] == message["id"]


async def test_a_notification_reaches_its_recipient_only_as_the_notifications_route_lists_it(
    live: LiveMonolith,
) -> None:
    alice, bob = await live.api.sign_up(), await live.api.sign_up()
    async with opened(live.ws_url, alice) as alices, opened(live.ws_url, bob) as bobs:
        conversation_id = await direct_conversation(bob, alice)
        for socket in (alices, bobs):
            assert (await socket.receive_data("conversation.created"))["id"] == conversation_id

        mention = await sent(bob, conversation_id, f"hi @{alice.username}")
        told = await alices.receive_each("message.created", "notification.created")
        notification = told["notification.created"]
        assert (notification["kind"], notification["message_id"], notification["actor_id"]) == (
            "mention",
            mention["id"],
            bob.id,
        )
        assert await notifications(alice) == [notification]

        # Had Bob been notified of his own message, that would be the first notification he got.
        reply = await sent(alice, conversation_id, f"@{bob.username} hello")
        notification = await bobs.receive_next("notification.created")
        assert (notification["kind"], notification["message_id"]) == ("mention", reply["id"])
        assert await notifications(bob) == [notification]
