"""Threads through the public API: replies in the timeline and in their thread's page, the
root's summary, and the refusals of a bad `reply_to` or thread."""

from typing import Any

import pytest

from kernel.ids import new_id
from tests.api import ChatApi, User
from tests.eventually import eventually
from tests.messaging.http.chat import direct_conversation, message_path, page, reaction_path, sent, seqs
from tests.problems import assert_problem


@pytest.fixture
async def chat(module_monolith: ChatApi) -> tuple[User, User, User, str]:
    """Alice and Bob's conversation, and Eve, who takes no part in it."""
    alice, bob, eve = [await module_monolith.sign_up() for _ in range(3)]
    return alice, bob, eve, await direct_conversation(alice, bob)


async def reply(
    user: User, conversation_id: str, to: str, body: str, client_message_id: str | None = None
) -> Any:
    return await user.client.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        json={"client_message_id": client_message_id or body, "body": body, "reply_to": to},
    )


def thread_path(conversation_id: str, root_id: str, query: str = "") -> str:
    return f"/api/v1/conversations/{conversation_id}/threads/{root_id}/messages{query}"


async def thread_page(user: User, conversation_id: str, root_id: str, query: str = "") -> dict[str, Any]:
    response = await user.client.get(thread_path(conversation_id, root_id, query))
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def test_replies_keep_the_sequence_and_their_root_counts_them(
    chat: tuple[User, User, User, str],
) -> None:
    alice, bob, _, conversation_id = chat
    root = await sent(alice, conversation_id, "lunch?")
    await sent(bob, conversation_id, "aside")
    first = await reply(bob, conversation_id, root["id"], "yes")
    second = await reply(alice, conversation_id, first.json()["id"], "noon")

    assert (first.status_code, second.status_code) == (201, 201)
    assert (first.json()["seq"], first.json()["reply_to"], first.json()["thread_root_id"]) == (
        3,
        root["id"],
        root["id"],
    )
    assert (second.json()["reply_to"], second.json()["thread_root_id"]) == (first.json()["id"], root["id"])
    assert (root["reply_count"], root["last_reply_at"], root["recent_replier_ids"]) == (0, None, [])

    async def summarised() -> dict[str, Any]:
        timeline = await page(bob, conversation_id)
        assert seqs(timeline) == ([1, 2, 3, 4], False)
        shown: dict[str, Any] = timeline["items"][0]
        assert shown["reply_count"] == 2
        return shown

    shown = await eventually(summarised)
    assert (shown["last_reply_at"], shown["recent_replier_ids"]) == (
        second.json()["created_at"],
        [alice.id, bob.id],
    )
    thread = await thread_page(bob, conversation_id, root["id"])
    assert seqs(thread) == ([1, 3, 4], False)
    assert thread["items"][0] == shown
    assert seqs(await thread_page(bob, conversation_id, root["id"], "?limit=2")) == ([3, 4], True)
    assert seqs(await thread_page(bob, conversation_id, root["id"], "?after=1&limit=1")) == ([3], True)
    assert seqs(await thread_page(bob, conversation_id, root["id"], "?before=3")) == ([1], False)


async def test_a_threads_page_shows_reactions_as_the_reader_sees_them_like_the_timeline(
    chat: tuple[User, User, User, str],
) -> None:
    alice, bob, _, conversation_id = chat
    root = await sent(alice, conversation_id, "lunch?")
    answer = (await reply(bob, conversation_id, root["id"], "yes")).json()
    for user, message_id, emoji in ((bob, root["id"], "👍"), (alice, answer["id"], "🎉")):
        assert (await user.client.put(reaction_path(conversation_id, message_id, emoji))).status_code == 204

    async def reacted() -> None:
        for reader, mine in ((alice, "🎉"), (bob, "👍")):
            thread = await thread_page(reader, conversation_id, root["id"])
            assert [item["reactions"] for item in thread["items"]] == [
                [{"emoji": "👍", "count": 1, "me": mine == "👍"}],
                [{"emoji": "🎉", "count": 1, "me": mine == "🎉"}],
            ]
            assert thread["items"] == (await page(reader, conversation_id))["items"]

    await eventually(reacted)


async def test_replying_to_a_missing_or_foreign_message_is_a_problem_naming_reply_to(
    chat: tuple[User, User, User, str],
) -> None:
    alice, bob, eve, conversation_id = chat
    elsewhere = await direct_conversation(alice, eve)
    foreign = await sent(alice, elsewhere, "elsewhere")

    for to in (str(new_id()), foreign["id"]):
        problem = assert_problem(await reply(bob, conversation_id, to, "hm"), 422)
        assert [error["field"] for error in problem["errors"]] == ["reply_to"]
    assert_problem(await reply(bob, conversation_id, "not-an-id", "hm"), 422)


async def test_replying_to_a_deleted_message_is_a_conflict(chat: tuple[User, User, User, str]) -> None:
    alice, bob, _, conversation_id = chat
    root = await sent(alice, conversation_id, "lunch?")
    assert (await alice.client.delete(message_path(conversation_id, root["id"]))).status_code == 204

    assert_problem(await reply(bob, conversation_id, root["id"], "yes"), 409)


async def test_a_thread_of_no_root_or_for_an_outsider_is_not_found(
    chat: tuple[User, User, User, str],
) -> None:
    alice, bob, eve, conversation_id = chat
    root = await sent(alice, conversation_id, "lunch?")
    answer = (await reply(bob, conversation_id, root["id"], "yes")).json()

    async def projected() -> None:
        assert seqs(await thread_page(alice, conversation_id, root["id"])) == ([1, 2], False)

    await eventually(projected)
    assert_problem(await alice.client.get(thread_path(conversation_id, answer["id"])), 404)
    assert_problem(await alice.client.get(thread_path(conversation_id, str(new_id()))), 404)
    assert_problem(await eve.client.get(thread_path(conversation_id, root["id"])), 404)
    assert_problem(await alice.client.get(thread_path(conversation_id, root["id"], "?limit=0")), 422)
    assert_problem(await alice.client.get(thread_path(conversation_id, root["id"], "?after=-1")), 422)
