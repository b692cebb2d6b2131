"""What users do, end to end, on the monolith and on the services behind the gateway alike.

Each scenario crosses the contexts the way a client does: identity, groups, messaging, realtime
and notifications, over HTTP and the WebSocket only. What reaches another context does so shortly
after the request that caused it, so scenarios wait on the frames and answers that show it.
"""

from tests.e2e.topologies import Deployment
from tests.eventually import eventually
from tests.messaging.files import png
from tests.messaging.http.chat import as_framed, create_group, direct_conversation, message_path, posted, sent
from tests.messaging.http.pins import edits, pin, pins
from tests.messaging.http.search import found, found_at_last
from tests.messaging.http.uploads import attachable
from tests.notifications.http.inbox import about, kinds, listed, listed_once
from tests.problems import assert_problem
from tests.realtime.live import opened, received_until


async def test_a_user_signs_up_signs_in_and_reads_their_profile(deployment: Deployment) -> None:
    alice = await deployment.api.sign_up(display_name="Alice")

    profile = await alice.client.get("/api/v1/users/me")

    assert profile.status_code == 200, profile.text
    assert (profile.json()["id"], profile.json()["display_name"]) == (alice.id, "Alice")
    wrong_password = {"username": alice.username, "password": "not the password"}
    assert_problem(await deployment.api.client.post("/api/v1/sessions", json=wrong_password), 401)
    assert_problem(await deployment.api.client.get("/api/v1/users/me"), 401)


async def test_a_groups_messages_reach_every_socket_of_every_member(deployment: Deployment) -> None:
    owner, alice, bob = [await deployment.api.sign_up() for _ in range(3)]
    async with (
        opened(deployment.ws_url, owner) as owners,
        opened(deployment.ws_url, alice) as alices,
        opened(deployment.ws_url, bob) as bobs_phone,
        opened(deployment.ws_url, bob) as bobs_laptop,
    ):
        sockets = (owners, alices, bobs_phone, bobs_laptop)
        group_id = await create_group(owner, alice, bob)
        for socket in sockets:
            told = await socket.receive_each("group.updated", "conversation.created")
            assert told["group.updated"]["id"] == told["conversation.created"]["id"] == group_id
        group = await alice.client.get(f"/api/v1/groups/{group_id}")
        assert group.status_code == 200, group.text
        roles = {member["user_id"]: member["role"] for member in group.json()["members"]}
        assert roles == {owner.id: "owner", alice.id: "member", bob.id: "member"}

        message = await posted(alice, group_id, "hello, crew")

        for socket in sockets:
            assert await socket.receive_data("message.created") == as_framed(message)


async def test_direct_messages_edits_and_typing_reach_both_participants(deployment: Deployment) -> None:
    alice, bob = await deployment.api.sign_up(), await deployment.api.sign_up()
    async with opened(deployment.ws_url, alice) as alices, opened(deployment.ws_url, bob) as bobs:
        conversation_id = await direct_conversation(alice, bob)
        for socket in (alices, bobs):
            assert (await socket.receive_data("conversation.created"))["id"] == conversation_id

        message = await sent(alice, conversation_id, "helo, bob")
        edited = await alice.client.patch(
            message_path(conversation_id, message["id"]), json={"body": "hello, bob"}
        )
        assert edited.status_code == 200, edited.text

        for socket in (alices, bobs):
            assert await socket.receive_data("message.created") == as_framed(message)
            assert await socket.receive_data("message.edited") == as_framed(edited.json())
        await bobs.send({"type": "typing", "conversation_id": conversation_id})
        assert await alices.receive_data("typing") == {"conversation_id": conversation_id, "user_id": bob.id}


async def test_a_client_that_drops_and_resumes_misses_and_repeats_nothing(deployment: Deployment) -> None:
    alice, bob = await deployment.api.sign_up(), await deployment.api.sign_up()
    async with opened(deployment.ws_url, bob) as bobs:
        async with opened(deployment.ws_url, alice) as first:
            conversation_id = await direct_conversation(bob, alice)
            await first.receive_data("conversation.created")
            await bobs.receive_data("conversation.created")
            for n in range(1, 4):
                await sent(bob, conversation_id, f"message {n}")
            before = await received_until(first, 3)

        for n in range(4, 7):
            await sent(bob, conversation_id, f"message {n}")
        # Bob's socket shows what realtime has logged: Alice missed these.
        assert await received_until(bobs, 6) == [1, 2, 3, 4, 5, 6]
        async with opened(deployment.ws_url, alice) as second:
            await second.send({"type": "resume", "cursors": {conversation_id: 3}})
            replayed = await received_until(second, "resumed")
            await sent(bob, conversation_id, "message 7")
            after = await received_until(second, 7)
        assert await received_until(bobs, 7) == [7]  # a client closes only once it has read what came first

    assert (before, replayed, after) == ([1, 2, 3], [4, 5, 6, "resumed"], [7])


async def test_a_mention_reaches_the_listing_and_the_recipients_socket(deployment: Deployment) -> None:
    alice, bob = await deployment.api.sign_up(), await deployment.api.sign_up()
    async with opened(deployment.ws_url, alice) as alices:
        # Being told of the group shows notifications has heard of Alice, whom the mention names.
        group_id = await create_group(bob, alice)
        added = await alices.receive_next("notification.created")
        assert about(added) == ("added_to_group", group_id, None, bob.id)

        mention = await posted(bob, group_id, f"@{alice.username}, the plan?")

        mentioned = await alices.receive_next("notification.created")
        assert about(mentioned) == ("mention", group_id, mention["id"], bob.id)
        assert await listed(alice) == {"items": [mentioned, added], "unread_count": 2}
        read = await alice.client.post(f"/api/v1/notifications/{added['id']}/read")
        assert read.status_code == 204, read.text
        assert (await listed(alice, "?unread=true"))["items"] == [mentioned]
        assert await listed(bob) == {"items": [], "unread_count": 0}


async def test_a_pin_reaches_the_other_participant_and_a_deletion_takes_it_off(
    deployment: Deployment,
) -> None:
    alice, bob = await deployment.api.sign_up(), await deployment.api.sign_up()
    async with opened(deployment.ws_url, bob) as bobs:
        conversation_id = await direct_conversation(alice, bob)
        message = await sent(alice, conversation_id, "helo")
        edited = await alice.client.patch(
            message_path(conversation_id, message["id"]), json={"body": "hello"}
        )
        assert edited.status_code == 200, edited.text

        assert (await pin(alice, conversation_id, message["id"])).status_code == 204
        pinned = await bobs.receive_next("message.pinned")
        assert (pinned["message_id"], pinned["pinned_by"]) == (message["id"], alice.id)

        async def listed_with_its_edit() -> None:
            [item] = await pins(bob, conversation_id)
            assert (item["message"], item["pinned_by"], item["pinned_at"]) == (
                edited.json(),
                alice.id,
                pinned["pinned_at"],
            )

        await eventually(listed_with_its_edit)
        assert [edit["body"] for edit in await edits(bob, conversation_id, message["id"])] == ["helo"]

        assert (await alice.client.delete(message_path(conversation_id, message["id"]))).status_code == 204
        unpinned = await bobs.receive_next("message.unpinned")
        assert unpinned == {"conversation_id": conversation_id, "message_id": message["id"]}

        async def unlisted() -> None:
            assert await pins(bob, conversation_id) == []

        await eventually(unlisted)
        assert await edits(bob, conversation_id, message["id"]) == []


async def test_at_all_reaches_every_other_members_notifications_but_who_muted(deployment: Deployment) -> None:
    owner, alice, bob, carol = [await deployment.api.sign_up() for _ in range(4)]
    group_id = await create_group(owner, alice, bob, carol)
    muted = await carol.client.put(f"/api/v1/notifications/preferences/{group_id}", json={"muted": True})
    assert muted.status_code == 200, muted.text

    message = await posted(alice, group_id, "@all standup in 5")

    for member in (owner, bob):
        listing = await listed_once(member, lambda listing: "mention_all" in kinds(listing))
        assert about(listing["items"][0]) == ("mention_all", group_id, message["id"], alice.id)
    # One event notifies everyone it notifies at once: Carol and Alice are told of the group only.
    assert kinds(await listed(carol)) == kinds(await listed(alice)) == ["added_to_group"]


async def test_a_reply_reaches_the_participants_with_its_thread_and_notifies_its_followers(
    deployment: Deployment,
) -> None:
    alice, bob, carol = [await deployment.api.sign_up() for _ in range(3)]
    async with opened(deployment.ws_url, alice) as alices, opened(deployment.ws_url, carol) as carols:
        group_id = await create_group(alice, bob, carol)
        await carols.receive_next("notification.created")  # added to the group
        root = await posted(alice, group_id, "lunch at noon?")

        answer = await bob.client.post(
            f"/api/v1/conversations/{group_id}/messages",
            json={"client_message_id": "r-1", "body": "yes", "reply_to": root["id"]},
        )

        assert answer.status_code == 201, answer.text
        reply = answer.json()
        assert (reply["seq"], reply["reply_to"], reply["thread_root_id"]) == (2, root["id"], root["id"])
        for socket in (alices, carols):
            assert await socket.receive_next("message.created") == as_framed(root)
            assert await socket.receive_next("message.created") == as_framed(reply)
            assert await socket.receive_next("thread.updated") == {
                "conversation_id": group_id,
                "root_id": root["id"],
                "reply_count": 1,
                "last_reply_at": reply["created_at"],
                "recent_replier_ids": [bob.id],
            }
        notified = await alices.receive_next("notification.created")
        assert about(notified) == ("reply", group_id, reply["id"], bob.id)

        async def threaded() -> None:
            thread = await carol.client.get(f"/api/v1/conversations/{group_id}/threads/{root['id']}/messages")
            assert thread.status_code == 200, thread.text
            assert [message["id"] for message in thread.json()["items"]] == [root["id"], reply["id"]]
            assert thread.json()["items"][0]["reply_count"] == 1

        await eventually(threaded)


async def test_a_message_with_a_file_reaches_the_other_participant_who_downloads_it_until_it_is_deleted(
    deployment: Deployment,
) -> None:
    alice, bob = await deployment.api.sign_up(), await deployment.api.sign_up()
    async with opened(deployment.ws_url, bob) as bobs:
        conversation_id = await direct_conversation(alice, bob)
        assert (await bobs.receive_data("conversation.created"))["id"] == conversation_id
        photo = await attachable(alice, png(), "cat.png")

        response = await alice.client.post(
            f"/api/v1/conversations/{conversation_id}/messages",
            json={"client_message_id": "c-1", "body": "", "attachment_ids": [photo["id"]]},
        )
        assert response.status_code == 201, response.text
        message = response.json()

        framed = await bobs.receive_data("message.created")
        assert (framed, framed["attachments"]) == (as_framed(message), [photo])
        downloaded = await bob.client.get(f"/api/v1/uploads/{photo['id']}")
        assert (downloaded.status_code, downloaded.content) == (200, png())
        deleted = await alice.client.delete(message_path(conversation_id, message["id"]))
        assert deleted.status_code == 204, deleted.text
        tombstone = await bobs.receive_data("message.deleted")
        assert (tombstone["id"], tombstone["deleted"], tombstone["attachments"]) == (message["id"], True, [])
        assert_problem(await bob.client.get(f"/api/v1/uploads/{photo['id']}"), 404)


async def test_a_sent_message_is_found_by_search_and_an_edit_by_its_new_text(deployment: Deployment) -> None:
    alice, bob = await deployment.api.sign_up(), await deployment.api.sign_up()
    conversation_id = await direct_conversation(alice, bob)
    message = await sent(alice, conversation_id, "The ferry leaves at nine")

    await found_at_last(bob, f"ferry nine from:@{alice.username}", {message["id"]})
    edited = await alice.client.patch(
        message_path(conversation_id, message["id"]), json={"body": "The ferry leaves at ten"}
    )
    assert edited.status_code == 200, edited.text

    await found_at_last(bob, '"at ten"', {message["id"]}, conversation_id=conversation_id)
    assert await found(bob, "nine") == []
