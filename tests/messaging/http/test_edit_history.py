"""A message's edit history: the bodies its edits replaced, for its participants, gone with it."""

from datetime import datetime

from kernel.ids import new_id
from tests.api import ChatApi
from tests.messaging.http.chat import direct_conversation, message_path, sent
from tests.messaging.http.pins import edits
from tests.problems import assert_problem


async def test_each_edit_keeps_the_body_it_replaced_oldest_first(monolith: ChatApi) -> None:
    alice, bob = await monolith.sign_up("alice"), await monolith.sign_up("bob")
    conversation_id = await direct_conversation(alice, bob)
    message = await sent(alice, conversation_id, "helo")
    path = message_path(conversation_id, message["id"])
    first = (await alice.client.patch(path, json={"body": "hello"})).json()
    await alice.client.patch(path, json={"body": "hello"})  # the same body: no edit
    second = (await alice.client.patch(path, json={"body": "hello!"})).json()

    history = await edits(bob, conversation_id, message["id"])

    assert history == [
        {"body": "helo", "written_at": message["created_at"], "replaced_at": first["edited_at"]},
        {"body": "hello", "written_at": first["edited_at"], "replaced_at": second["edited_at"]},
    ]
    assert all(
        datetime.fromisoformat(edit["written_at"]) <= datetime.fromisoformat(edit["replaced_at"])
        for edit in history
    )


async def test_a_message_never_edited_has_none_and_a_deleted_one_none_any_more(monolith: ChatApi) -> None:
    alice, bob = await monolith.sign_up("alice"), await monolith.sign_up("bob")
    conversation_id = await direct_conversation(alice, bob)
    untouched, edited = (
        await sent(alice, conversation_id, "as sent"),
        await sent(alice, conversation_id, "v1"),
    )
    await alice.client.patch(message_path(conversation_id, edited["id"]), json={"body": "v2"})

    assert await edits(alice, conversation_id, untouched["id"]) == []
    assert len(await edits(alice, conversation_id, edited["id"])) == 1
    assert (await alice.client.delete(message_path(conversation_id, edited["id"]))).status_code == 204
    assert await edits(bob, conversation_id, edited["id"]) == []


async def test_outsiders_unknown_messages_and_anonymous_callers_get_no_history(monolith: ChatApi) -> None:
    alice, bob, eve = [await monolith.sign_up(name) for name in ("alice", "bob", "eve")]
    conversation_id = await direct_conversation(alice, bob)
    message = await sent(alice, conversation_id)
    other = await direct_conversation(alice, eve)

    assert_problem(await eve.client.get(f"{message_path(conversation_id, message['id'])}/edits"), 404)
    assert_problem(await alice.client.get(f"{message_path(conversation_id, str(new_id()))}/edits"), 404)
    assert_problem(await alice.client.get(f"{message_path(other, message['id'])}/edits"), 404)
    assert_problem(await monolith.client.get(f"{message_path(conversation_id, message['id'])}/edits"), 401)
