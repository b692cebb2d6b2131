"""Notifications made by real messages and groups, through the composed monolith."""

from kernel.ids import new_id
from tests.api import ChatApi
from tests.eventually import eventually
from tests.messaging.http.chat import create_group, direct_conversation, message_path, posted, sent
from tests.messaging.http.uploads import uploaded
from tests.notifications.http.inbox import kinds, listed, listed_once, previews

NOTIFICATION_FIELDS = {
    "id",
    "kind",
    "conversation_id",
    "message_id",
    "actor_id",
    "preview",
    "created_at",
    "read_at",
}


async def test_a_mention_in_a_message_sent_over_rest_is_listed(module_monolith: ChatApi) -> None:
    alice, bob, carol = [await module_monolith.sign_up() for _ in range(3)]
    group_id = await create_group(alice, bob, carol)

    message = await posted(alice, group_id, f"lunch, @{bob.username.upper()}?")

    listing = await listed_once(bob, lambda listing: listing["unread_count"] == 2)
    assert kinds(listing) == ["mention", "added_to_group"]
    notification = listing["items"][0]
    assert notification.keys() == NOTIFICATION_FIELDS
    assert notification["kind"] == "mention"
    assert (notification["conversation_id"], notification["message_id"]) == (group_id, message["id"])
    assert (notification["actor_id"], notification["preview"]) == (alice.id, message["body"])
    assert (notification["created_at"], notification["read_at"]) == (message["created_at"], None)
    assert kinds(await listed(carol)) == ["added_to_group"]
    assert kinds(await listed(alice)) == []


async def test_members_added_to_a_group_by_someone_else_are_told(module_monolith: ChatApi) -> None:
    alice, bob, carol = [await module_monolith.sign_up() for _ in range(3)]
    group_id = await create_group(alice, bob)

    async def add_carol() -> None:
        added = await alice.client.post(f"/api/v1/groups/{group_id}/members", json={"user_id": carol.id})
        assert added.status_code == 201, added.text  # 422 until groups has heard of carol

    await eventually(add_carol)

    for member in (bob, carol):
        listing = await listed_once(member, lambda listing: listing["unread_count"] == 1)
        [notification] = listing["items"]
        assert (notification["kind"], notification["conversation_id"]) == ("added_to_group", group_id)
        assert (notification["message_id"], notification["actor_id"]) == (None, alice.id)
        assert notification["preview"] == "Crew"
    assert (await listed(alice))["items"] == []


async def test_a_direct_message_notifies_the_other_participant_newest_first(module_monolith: ChatApi) -> None:
    alice, bob = [await module_monolith.sign_up() for _ in range(2)]
    conversation_id = await direct_conversation(alice, bob)

    for body in ("one", "two", f"three @{bob.username}"):
        await sent(alice, conversation_id, body)

    listing = await listed_once(bob, lambda listing: listing["unread_count"] == 3)
    assert previews(listing) == [f"three @{bob.username}", "two", "one"]
    assert kinds(listing) == ["mention", "direct_message", "direct_message"]
    assert previews(await listed(bob, "?limit=2")) == [f"three @{bob.username}", "two"]
    assert (await listed(alice))["items"] == []


async def test_reading_one_and_reading_all(module_monolith: ChatApi) -> None:
    alice, bob = [await module_monolith.sign_up() for _ in range(2)]
    conversation_id = await direct_conversation(alice, bob)
    for body in ("one", "two", "three"):
        await sent(alice, conversation_id, body)
    listing = await listed_once(bob, lambda listing: listing["unread_count"] == 3)
    newest = listing["items"][0]

    first = await bob.client.post(f"/api/v1/notifications/{newest['id']}/read")
    again = await bob.client.post(f"/api/v1/notifications/{newest['id']}/read")

    assert (first.status_code, again.status_code) == (204, 204)
    after_one = await listed(bob)
    assert after_one["unread_count"] == 2
    assert after_one["items"][0]["read_at"] is not None
    unread = await listed(bob, "?unread=true")
    assert (previews(unread), unread["unread_count"]) == (["two", "one"], 2)

    assert (await bob.client.post("/api/v1/notifications/read-all")).status_code == 204

    after_all = await listed(bob)
    assert after_all["unread_count"] == 0
    assert all(notification["read_at"] for notification in after_all["items"])
    assert after_all["items"][0]["read_at"] == after_one["items"][0]["read_at"]
    assert (await listed(bob, "?unread=true"))["items"] == []


async def test_a_deleted_message_takes_back_its_unread_notification(module_monolith: ChatApi) -> None:
    alice, bob = [await module_monolith.sign_up() for _ in range(2)]
    conversation_id = await direct_conversation(alice, bob)
    oops = await sent(alice, conversation_id, "oops")
    await listed_once(bob, lambda listing: listing["unread_count"] == 1)

    deleted = await alice.client.delete(message_path(conversation_id, oops["id"]))

    assert deleted.status_code == 204, deleted.text
    await listed_once(bob, lambda listing: listing == {"items": [], "unread_count": 0})


async def test_an_edit_that_adds_a_mention_notifies_once(module_monolith: ChatApi) -> None:
    alice, bob = [await module_monolith.sign_up() for _ in range(2)]
    group_id = await create_group(alice, bob)
    message = await posted(alice, group_id, "see you at 5")
    path = message_path(group_id, message["id"])

    for body in (f"see you at 5 @{bob.username}", f"see you at 6 @{bob.username}"):
        assert (await alice.client.patch(path, json={"body": body})).status_code == 200
    await posted(alice, group_id, f"@{bob.username} and this")

    listing = await listed_once(bob, lambda listing: listing["unread_count"] == 3)
    assert kinds(listing) == ["mention", "mention", "added_to_group"]
    assert previews(listing)[1] == f"see you at 5 @{bob.username}"


async def test_a_muted_conversation_notifies_only_of_mentions(module_monolith: ChatApi) -> None:
    alice, bob = [await module_monolith.sign_up() for _ in range(2)]
    conversation_id = await direct_conversation(alice, bob)

    muted = await bob.client.put(f"/api/v1/notifications/preferences/{conversation_id}", json={"muted": True})
    await sent(alice, conversation_id, "are you there?")
    await sent(alice, conversation_id, f"@{bob.username} are you there?")

    assert (muted.status_code, muted.json()) == (200, {"conversation_id": conversation_id, "muted": True})
    listing = await listed_once(bob, lambda listing: listing["unread_count"] == 1)
    assert kinds(listing) == ["mention"]

    unmuted = await bob.client.put(
        f"/api/v1/notifications/preferences/{conversation_id}", json={"muted": False}
    )
    await sent(alice, conversation_id, "hello again")

    assert unmuted.json() == {"conversation_id": conversation_id, "muted": False}
    listing = await listed_once(bob, lambda listing: listing["unread_count"] == 2)
    assert kinds(listing) == ["direct_message", "mention"]


async def test_any_conversation_id_takes_a_preference_so_none_is_disclosed(module_monolith: ChatApi) -> None:
    alice, bob, eve = [await module_monolith.sign_up() for _ in range(3)]
    theirs, unknown = await direct_conversation(alice, bob), str(new_id())

    for conversation_id in (theirs, unknown):
        answer = await eve.client.put(
            f"/api/v1/notifications/preferences/{conversation_id}", json={"muted": True}
        )
        assert (answer.status_code, answer.json()) == (
            200,
            {"conversation_id": conversation_id, "muted": True},
        )


async def test_a_direct_message_of_files_alone_is_previewed_by_their_names(module_monolith: ChatApi) -> None:
    alice, bob = [await module_monolith.sign_up() for _ in range(2)]
    conversation_id = await direct_conversation(alice, bob)
    upload_id = await uploaded(alice, b"the minutes", "minutes.txt")

    sending = await alice.client.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        json={"client_message_id": str(new_id()), "body": "", "attachment_ids": [upload_id]},
    )

    assert sending.status_code == 201, sending.text
    listing = await listed_once(bob, lambda listing: listing["unread_count"] == 1)
    assert previews(listing) == ["📎 minutes.txt"]
