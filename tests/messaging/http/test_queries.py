"""Messaging's queries through the public API: answered from the read models, which catch up
with the commands shortly after they answer (so each check waits for them)."""

from typing import Any

import pytest

from kernel.ids import new_id
from tests.api import ChatApi, User
from tests.eventually import eventually
from tests.messaging.http.chat import direct_conversation, listed, message_path, page, sent, seqs
from tests.problems import assert_problem

SUMMARY_FIELDS = {
    "id",
    "kind",
    "title",
    "participant_ids",
    "participant_count",
    "created_at",
    "closed",
    "last_message",
    "unread_count",
    "last_activity_at",
}


@pytest.fixture
async def chat(module_monolith: ChatApi) -> tuple[User, User, User, str]:
    """Alice and Bob's conversation, and Eve, who takes no part in it."""
    alice, bob, eve = [await module_monolith.sign_up() for _ in range(3)]
    return alice, bob, eve, await direct_conversation(alice, bob)


async def test_the_conversation_list_shows_the_last_message_and_what_is_unread(
    chat: tuple[User, User, User, str],
) -> None:
    alice, bob, eve, conversation_id = chat
    await sent(alice, conversation_id, "one")
    await sent(alice, conversation_id, "two")
    last = await sent(bob, conversation_id, "three")

    async def caught_up() -> tuple[dict[str, Any], dict[str, Any]]:
        alices, bobs = await listed(alice), await listed(bob)
        assert len(alices) == len(bobs) == 1
        assert [alices[0]["last_message"], bobs[0]["last_message"]] == [last, last]
        return alices[0], bobs[0]

    alices, bobs = await eventually(caught_up)
    assert alices.keys() == SUMMARY_FIELDS
    assert (alices["id"], alices["kind"], alices["title"], alices["closed"]) == (
        conversation_id,
        "direct",
        None,
        False,
    )
    assert sorted(alices["participant_ids"]) == sorted([alice.id, bob.id])
    assert alices["participant_count"] == 2
    assert (alices["unread_count"], bobs["unread_count"]) == (1, 2)
    assert alices["last_activity_at"] == last["created_at"]
    assert await listed(eve) == []

    read = await bob.client.post(f"/api/v1/conversations/{conversation_id}/read", json={"seq": 1})
    assert read.status_code == 204

    async def marked() -> None:
        assert (await listed(bob))[0]["unread_count"] == 1

    await eventually(marked)


async def test_the_most_recently_active_conversation_comes_first(module_monolith: ChatApi) -> None:
    alice, bob, carol = [await module_monolith.sign_up() for _ in range(3)]
    with_bob = await direct_conversation(alice, bob)
    with_carol = await direct_conversation(alice, carol)

    async def in_order(*ids: str) -> None:
        assert [summary["id"] for summary in await listed(alice)] == list(ids)

    await eventually(lambda: in_order(with_carol, with_bob))  # no messages: newest conversation first
    await sent(bob, with_bob)
    await eventually(lambda: in_order(with_bob, with_carol))


async def test_the_conversation_list_comes_in_pages_that_a_cursor_continues(module_monolith: ChatApi) -> None:
    alice = await module_monolith.sign_up()
    others = [await module_monolith.sign_up() for _ in range(5)]
    opened = [await direct_conversation(alice, other) for other in others]

    async def all_listed() -> None:
        assert len(await listed(alice)) == len(opened)

    await eventually(all_listed)
    pages: list[dict[str, Any]] = []
    cursor: dict[str, str] = {}
    while (not pages or pages[-1]["next_cursor"] is not None) and len(pages) < 4:
        response = await alice.client.get("/api/v1/conversations", params={"limit": 2, **cursor})
        assert response.status_code == 200, response.text
        pages.append(response.json())
        cursor = {"cursor": pages[-1]["next_cursor"]}

    assert [len(page["items"]) for page in pages] == [2, 2, 1]
    assert [summary["id"] for page in pages for summary in page["items"]] == list(reversed(opened))


@pytest.mark.parametrize("cursor", ["nonsense", "WzEsMl0", "WyJ4IiwieSJd", "W10", "x" * 201])
async def test_a_cursor_the_list_did_not_give_is_refused(module_monolith: ChatApi, cursor: str) -> None:
    alice = await module_monolith.sign_up()

    answer = await alice.client.get("/api/v1/conversations", params={"cursor": cursor})

    assert_problem(answer, 422)


async def test_a_participant_gets_the_conversation_and_an_outsider_a_404(
    module_monolith: ChatApi, chat: tuple[User, User, User, str]
) -> None:
    alice, _, eve, conversation_id = chat
    path = f"/api/v1/conversations/{conversation_id}"

    async def found() -> dict[str, Any]:
        response = await alice.client.get(path)
        assert response.status_code == 200, response.text
        return dict(response.json())

    conversation = await eventually(found)
    assert (conversation["id"], conversation["kind"], conversation["closed"]) == (
        conversation_id,
        "direct",
        False,
    )
    assert_problem(await eve.client.get(path), 404)
    assert_problem(await eve.client.get(f"{path}/messages"), 404)
    assert_problem(await alice.client.get(f"/api/v1/conversations/{new_id()}"), 404)
    assert_problem(await alice.client.get(f"/api/v1/conversations/{new_id()}/messages"), 404)
    assert_problem(await module_monolith.client.get(path), 401)
    assert_problem(await module_monolith.client.get("/api/v1/conversations"), 401)


async def test_the_timeline_shows_edits_and_tombstones_in_seq_order(
    chat: tuple[User, User, User, str],
) -> None:
    alice, bob, _, conversation_id = chat
    first = await sent(alice, conversation_id, "helo")
    second = await sent(bob, conversation_id, "gone soon")
    edited = await alice.client.patch(message_path(conversation_id, first["id"]), json={"body": "hello"})
    deleted = await bob.client.delete(message_path(conversation_id, second["id"]))
    assert (edited.status_code, deleted.status_code) == (200, 204)

    async def caught_up() -> None:
        timeline = await page(bob, conversation_id)
        assert timeline == {
            "items": [edited.json(), {**second, "body": "", "deleted": True}],
            "has_more": False,
        }

    await eventually(caught_up)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?limit=3", ([5, 6, 7], True)),
        ("?limit=7", ([1, 2, 3, 4, 5, 6, 7], False)),
        ("", ([1, 2, 3, 4, 5, 6, 7], False)),
        ("?before=5&limit=3", ([2, 3, 4], True)),
        ("?before=3&limit=3", ([1, 2], False)),
        ("?before=1", ([], False)),
        ("?after=0&limit=3", ([1, 2, 3], True)),
        ("?after=4&limit=3", ([5, 6, 7], False)),
        ("?after=7", ([], False)),
        ("?after=2&before=6&limit=2", ([3, 4], True)),
        ("?after=2&before=6", ([3, 4, 5], False)),
        ("?after=5&before=3", ([], False)),
    ],
)
async def test_messages_are_paged_by_seq(
    chat: tuple[User, User, User, str], query: str, expected: tuple[list[int], bool]
) -> None:
    alice, _, _, conversation_id = chat
    for n in range(7):
        await sent(alice, conversation_id, f"message {n + 1}")

    async def all_there() -> None:
        assert len((await page(alice, conversation_id))["items"]) == 7

    await eventually(all_there)
    assert seqs(await page(alice, conversation_id, query)) == expected


@pytest.mark.parametrize(
    "query",
    [
        "?limit=0",
        "?limit=101",
        "?limit=x",
        "?before=abc",
        "?before=0",
        "?after=-1",
        "?before=1.5",
        f"?before={2**31}",
        f"?after={2**64}",
    ],
)
async def test_bad_paging_is_a_422_problem(chat: tuple[User, User, User, str], query: str) -> None:
    alice, _, _, conversation_id = chat

    response = await alice.client.get(f"/api/v1/conversations/{conversation_id}/messages{query}")

    assert_problem(response, 422)


async def test_a_path_that_is_not_a_uuid_is_a_422_problem(chat: tuple[User, User, User, str]) -> None:
    alice, *_ = chat

    assert_problem(await alice.client.get("/api/v1/conversations/not-a-uuid"), 422)
    assert_problem(await alice.client.get("/api/v1/conversations/not-a-uuid/messages"), 422)


async def test_the_projection_lag_is_exported(
    module_monolith: ChatApi, chat: tuple[User, User, User, str]
) -> None:
    alice, _, _, conversation_id = chat
    await sent(alice, conversation_id)

    async def exported() -> None:
        metrics = (await module_monolith.client.get("/metrics")).text
        counts = [
            line
            for line in metrics.splitlines()
            if line.startswith('read_model_projection_lag_seconds_count{context="messaging"}')
        ]
        assert counts, metrics
        assert float(counts[0].split()[-1]) > 0

    await eventually(exported)
