"""Sending, editing and deleting messages in a direct conversation: answers, rights and bad input."""

import json
from typing import Any

import pytest

from kernel.ids import new_id
from tests.api import ChatApi, User
from tests.messaging.http.chat import direct_conversation, message_path, send, sent
from tests.problems import assert_problem, escaped_json

MESSAGE_FIELDS = {
    "id",
    "conversation_id",
    "seq",
    "sender_id",
    "client_message_id",
    "body",
    "created_at",
    "edited_at",
    "deleted",
    "reply_to",
    "thread_root_id",
    "reply_count",
    "last_reply_at",
    "recent_replier_ids",
    "reactions",
    "attachments",
}


@pytest.fixture
async def chat(monolith: ChatApi) -> tuple[User, User, User, str]:
    """Alice and Bob's conversation, and Eve, who takes no part in it."""
    alice, bob, eve = [await monolith.sign_up(name) for name in ("alice", "bob", "eve")]
    return alice, bob, eve, await direct_conversation(alice, bob)


async def test_a_sent_message_answers_201_and_is_numbered(chat: tuple[User, User, User, str]) -> None:
    alice, bob, _, conversation_id = chat

    first = await send(alice, conversation_id, "hello\n\tBob 🙂", "c-1")
    second = await send(bob, conversation_id, "hi", "c-1")

    assert (first.status_code, second.status_code) == (201, 201)
    message = first.json()
    assert message.keys() == MESSAGE_FIELDS
    assert (message["conversation_id"], message["sender_id"], message["client_message_id"]) == (
        conversation_id,
        alice.id,
        "c-1",
    )
    assert (message["seq"], message["body"], message["edited_at"], message["deleted"]) == (
        1,
        "hello\n\tBob 🙂",
        None,
        False,
    )
    assert second.json()["seq"] == 2


async def test_sending_again_under_the_same_client_id_answers_200_with_the_same_message(
    chat: tuple[User, User, User, str],
) -> None:
    alice, _, _, conversation_id = chat
    first = await send(alice, conversation_id, "hello", "c-1")

    again = await send(alice, conversation_id, "hello again", "c-1")
    next_one = await send(alice, conversation_id, "next", "c-2")

    assert (again.status_code, again.json()) == (200, first.json())
    assert next_one.json()["seq"] == 2


async def test_outsiders_unknown_conversations_and_anonymous_callers_cannot_send(
    monolith: ChatApi, chat: tuple[User, User, User, str]
) -> None:
    _, _, eve, conversation_id = chat

    assert_problem(await send(eve, conversation_id), 404)
    assert_problem(await send(eve, str(new_id())), 404)
    assert_problem(await send(monolith.client, conversation_id), 401)


@pytest.mark.parametrize(
    "body",
    [
        {"client_message_id": "c-1", "body": ""},
        {"client_message_id": "c-1", "body": "x" * 4001},
        {"client_message_id": "c-1", "body": "a\x00b"},
        {"client_message_id": "c-1", "body": "escape\x1b[2J"},
        {"client_message_id": "c-1", "body": "carriage\rreturn"},
        {"client_message_id": "c-1", "body": " \n\t "},
        {"client_message_id": "c-1", "body": "lone \ud800 surrogate"},
        {"client_message_id": "c-1", "body": None},
        {"client_message_id": "c-1", "body": 5},
        {"client_message_id": "c-1"},
        {"client_message_id": "", "body": "hello"},
        {"client_message_id": "x" * 65, "body": "hello"},
        {"client_message_id": "c\x00", "body": "hello"},
        {"client_message_id": 5, "body": "hello"},
        {"body": "hello"},
        [],
    ],
)
async def test_an_invalid_message_is_a_422_problem_and_nothing_is_sent(
    chat: tuple[User, User, User, str], body: Any
) -> None:
    alice, _, _, conversation_id = chat

    response = await alice.client.post(
        f"/api/v1/conversations/{conversation_id}/messages", **escaped_json(body)
    )

    assert_problem(response, 422)
    assert (await sent(alice, conversation_id))["seq"] == 1


async def test_4000_characters_of_any_script_are_a_valid_body(chat: tuple[User, User, User, str]) -> None:
    alice, _, _, conversation_id = chat

    response = await send(alice, conversation_id, "🙂" * 4000, "c-1")

    assert response.status_code == 201
    assert response.json()["body"] == "🙂" * 4000


async def test_a_body_that_is_not_json_or_a_path_that_is_not_a_uuid_is_a_422_problem(
    chat: tuple[User, User, User, str],
) -> None:
    alice, _, _, conversation_id = chat

    not_json = await alice.client.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    not_a_uuid = await send(alice, "not-a-uuid")

    assert_problem(not_json, 422)
    assert_problem(not_a_uuid, 422)


async def test_the_sender_edits_their_message(chat: tuple[User, User, User, str]) -> None:
    alice, _, _, conversation_id = chat
    message = await sent(alice, conversation_id, "helo")

    response = await alice.client.patch(message_path(conversation_id, message["id"]), json={"body": "hello"})

    assert response.status_code == 200
    edited = response.json()
    assert {**edited, "body": message["body"], "edited_at": None} == message
    assert edited["body"] == "hello"
    assert edited["edited_at"] >= message["created_at"]


async def test_only_the_sender_edits(monolith: ChatApi, chat: tuple[User, User, User, str]) -> None:
    alice, bob, eve, conversation_id = chat
    message = await sent(alice, conversation_id)
    path = message_path(conversation_id, message["id"])

    assert_problem(await bob.client.patch(path, json={"body": "mine now"}), 403)
    assert_problem(await eve.client.patch(path, json={"body": "mine now"}), 404)
    assert_problem(await monolith.client.patch(path, json={"body": "mine now"}), 401)
    assert_problem(
        await alice.client.patch(message_path(conversation_id, str(new_id())), json={"body": "x"}), 404
    )
    assert (await send(alice, conversation_id, "x", message["client_message_id"])).json()["body"] == "hello"


@pytest.mark.parametrize("body", [{}, {"body": ""}, {"body": "x" * 4001}, {"body": "\x00"}, {"body": "  "}])
async def test_an_invalid_edit_is_a_422_problem(
    chat: tuple[User, User, User, str], body: dict[str, Any]
) -> None:
    alice, _, _, conversation_id = chat
    message = await sent(alice, conversation_id)

    assert_problem(await alice.client.patch(message_path(conversation_id, message["id"]), json=body), 422)


async def test_deleting_leaves_a_tombstone_in_place(chat: tuple[User, User, User, str]) -> None:
    alice, _, _, conversation_id = chat
    message = await sent(alice, conversation_id)
    path = message_path(conversation_id, message["id"])

    deleted = await alice.client.delete(path)
    deleted_again = await alice.client.delete(path)

    assert (deleted.status_code, deleted_again.status_code) == (204, 204)
    assert deleted.content == b""
    tombstone = (await send(alice, conversation_id, "x", message["client_message_id"])).json()
    assert tombstone == {**message, "body": "", "deleted": True}
    assert_problem(await alice.client.patch(path, json={"body": "back"}), 409)
    assert (await sent(alice, conversation_id, "next"))["seq"] == 2


async def test_only_the_sender_deletes_in_a_direct_conversation(
    monolith: ChatApi, chat: tuple[User, User, User, str]
) -> None:
    alice, bob, eve, conversation_id = chat
    message = await sent(alice, conversation_id)
    path = message_path(conversation_id, message["id"])

    assert_problem(await bob.client.delete(path), 403)
    assert_problem(await eve.client.delete(path), 404)
    assert_problem(await monolith.client.delete(path), 401)
    assert_problem(await alice.client.delete(message_path(conversation_id, str(new_id()))), 404)
    assert (await send(alice, conversation_id, "x", message["client_message_id"])).json()["deleted"] is False


def test_escaped_json_keeps_a_lone_surrogate_for_the_server_to_refuse() -> None:
    assert "\\ud800" in escaped_json({"body": "\ud800"})["content"]
    assert json.loads(escaped_json({"body": "\ud800"})["content"]) == {"body": "\ud800"}
