"""Searching messages over HTTP: what a search finds, who finds it, its pages and its refusals."""

import pytest

from kernel.ids import new_id
from tests.api import ChatApi, User
from tests.messaging.http.chat import create_group, direct_conversation, message_path, posted, sent
from tests.messaging.http.search import found, found_at_last, search
from tests.problems import assert_problem


@pytest.fixture
async def chat(module_monolith: ChatApi) -> tuple[User, User, User, str]:
    """Alice and Bob's conversation, and Eve, who takes no part in it."""
    alice, bob, eve = [await module_monolith.sign_up() for _ in range(3)]
    return alice, bob, eve, await direct_conversation(alice, bob)


async def test_a_sent_message_is_found_by_its_participants_only(chat: tuple[User, User, User, str]) -> None:
    alice, bob, eve, conversation_id = chat
    message = await sent(alice, conversation_id, "Lunch at the harbour?")

    await found_at_last(bob, "harbour LUNCH", {message["id"]})
    response = await search(bob, "harbour", conversation_id=conversation_id)

    assert response.status_code == 200
    [result] = response.json()["items"]
    assert {
        key: result[key] for key in ("conversation_id", "message_id", "seq", "sender_id", "created_at")
    } == {
        "conversation_id": conversation_id,
        "message_id": message["id"],
        "seq": message["seq"],
        "sender_id": alice.id,
        "created_at": message["created_at"],
    }
    assert "".join(part["text"] for part in result["snippet"]).strip("…") in message["body"]
    assert response.json()["next_cursor"] is None
    assert await found(eve, "harbour") == []


async def test_an_edit_is_found_by_its_new_text_and_a_deletion_not_at_all(
    chat: tuple[User, User, User, str],
) -> None:
    alice, bob, _, conversation_id = chat
    edited = await sent(alice, conversation_id, "meet at the station")
    deleted = await sent(alice, conversation_id, "meet at the wrong place")
    await found_at_last(bob, "meet", {deleted["id"], edited["id"]})

    path = message_path(conversation_id, edited["id"])
    assert (await alice.client.patch(path, json={"body": "meet at the pier"})).status_code == 200
    assert (await alice.client.delete(message_path(conversation_id, deleted["id"]))).status_code == 204

    await found_at_last(bob, "meet", {edited["id"]})
    assert await found(bob, "pier") == [edited["id"]]
    assert await found(bob, "station") == []


async def test_a_member_removed_from_a_group_finds_none_of_its_messages(module_monolith: ChatApi) -> None:
    owner, member = await module_monolith.sign_up(), await module_monolith.sign_up()
    group_id = await create_group(owner, member)
    message = await posted(owner, group_id, "quarterly numbers")
    await found_at_last(member, "quarterly", {message["id"]})

    assert (await owner.client.delete(f"/api/v1/groups/{group_id}/members/{member.id}")).status_code == 204

    await found_at_last(member, "quarterly", set())
    assert_problem(await search(member, "quarterly", conversation_id=group_id), 404)


async def test_from_a_username_finds_that_persons_messages(chat: tuple[User, User, User, str]) -> None:
    alice, bob, _, conversation_id = chat
    alices = await sent(alice, conversation_id, "tickets booked")
    await sent(bob, conversation_id, "tickets paid")

    await found_at_last(bob, f"tickets from:@{alice.username.upper()}", {alices["id"]})
    assert await found(bob, "from:@nobody-goes-by-this") == []


async def test_pages_follow_one_another_by_their_cursor(chat: tuple[User, User, User, str]) -> None:
    alice, _, _, conversation_id = chat
    messages = [await sent(alice, conversation_id, f"invoice {n}") for n in range(5)]
    await found_at_last(alice, "invoice", {message["id"] for message in messages})

    pages, cursor = [], None
    while True:
        params = {"limit": 2} if cursor is None else {"limit": 2, "cursor": cursor}
        answer = (await search(alice, "invoice", **params)).json()
        pages.append(len(answer["items"]))
        if (cursor := answer["next_cursor"]) is None:
            break

    assert pages == [2, 2, 1]


async def test_a_search_in_a_strangers_conversation_is_not_found(chat: tuple[User, User, User, str]) -> None:
    _, _, eve, conversation_id = chat

    assert_problem(await search(eve, "anything", conversation_id=conversation_id), 404)
    assert_problem(await search(eve, "anything", conversation_id=str(new_id())), 404)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": ""}, "q"),
        ({"q": '"" ?!'}, "q"),
        ({"q": "a" * 201}, "q"),
        ({"q": " ".join(f"w{n}" for n in range(17))}, "q"),
        ({"q": "x", "cursor": "not-a-cursor"}, "cursor"),
        ({"q": "x", "limit": 0}, "limit"),
        ({"q": "x", "limit": 101}, "limit"),
        ({"q": "x", "before": "2026-01-01T00:00:00"}, "before"),
        ({"q": "x", "before": "0001-01-01T00:00:00+01:00"}, "before"),
        ({"q": "x", "conversation_id": "nope"}, "conversation_id"),
    ],
)
async def test_what_a_search_cannot_read_is_refused_on_its_field(
    chat: tuple[User, User, User, str], params: dict[str, str | int], field: str
) -> None:
    alice = chat[0]

    response = await alice.client.get("/api/v1/search/messages", params=params)

    problem = assert_problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == [field]


async def test_a_search_before_a_time_finds_only_earlier_messages(chat: tuple[User, User, User, str]) -> None:
    alice, _, _, conversation_id = chat
    earlier = await sent(alice, conversation_id, "agenda one")
    later = await sent(alice, conversation_id, "agenda two")
    await found_at_last(alice, "agenda", {later["id"], earlier["id"]})

    assert await found(alice, "agenda", before=later["created_at"]) == [earlier["id"]]


async def test_an_anonymous_search_is_unauthorized(module_monolith: ChatApi) -> None:
    assert_problem(await search(module_monolith.client, "anything"), 401)
