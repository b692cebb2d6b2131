"""Reactions through HTTP on the composed monolith: the routes' answers, and the timeline's counts."""

from typing import Any

import pytest

from contexts.messaging.domain.reactions import DISTINCT_EMOJI_MAX
from tests.api import ChatApi, User
from tests.eventually import eventually
from tests.messaging.http.chat import direct_conversation, message_path, page, reaction_path, sent
from tests.problems import assert_problem


@pytest.fixture
async def chat(monolith: ChatApi) -> tuple[User, User, User, str, dict[str, Any]]:
    """Alice and Bob's conversation with a message of Alice's in it, and Eve, who takes no part."""
    alice, bob, eve = [await monolith.sign_up(name) for name in ("alice", "bob", "eve")]
    conversation_id = await direct_conversation(alice, bob)
    return alice, bob, eve, conversation_id, await sent(alice, conversation_id)


async def first_message_seen_by(user: User, conversation_id: str) -> dict[str, Any]:
    """The conversation's first message in the timeline, once the read models have it."""
    items = (await page(user, conversation_id))["items"]
    assert items
    first: dict[str, Any] = items[0]
    return first


async def reactions_seen_by(user: User, conversation_id: str) -> list[dict[str, Any]]:
    reactions: list[dict[str, Any]] = (await first_message_seen_by(user, conversation_id))["reactions"]
    return reactions


async def test_reactions_are_idempotent_and_the_timeline_counts_them_for_each_reader(
    chat: tuple[User, User, User, str, dict[str, Any]],
) -> None:
    alice, bob, _, conversation_id, message = chat
    thumbs_up, party = (reaction_path(conversation_id, message["id"], emoji) for emoji in ("👍", "🎉"))

    answers = [
        await bob.client.put(party),
        await bob.client.put(party),
        await alice.client.put(thumbs_up),
        await bob.client.put(thumbs_up),
        await alice.client.delete(party),  # never made: nothing to take back
        await bob.client.delete(party),
        await bob.client.delete(party),
        await alice.client.put(party),
    ]

    assert [answer.status_code for answer in answers] == [204] * len(answers)
    assert all(answer.content == b"" for answer in answers)

    async def counted() -> None:
        assert await reactions_seen_by(alice, conversation_id) == [
            {"emoji": "👍", "count": 2, "me": True},
            {"emoji": "🎉", "count": 1, "me": True},
        ]
        assert await reactions_seen_by(bob, conversation_id) == [
            {"emoji": "👍", "count": 2, "me": True},
            {"emoji": "🎉", "count": 1, "me": False},
        ]

    await eventually(counted)
    edited = await alice.client.patch(message_path(conversation_id, message["id"]), json={"body": "edited"})
    assert edited.json()["reactions"] == [
        {"emoji": "👍", "count": 2, "me": True},
        {"emoji": "🎉", "count": 1, "me": True},
    ]


@pytest.mark.parametrize(
    "emoji",
    ["ok", "👍👍", "👍 ", "\u200d", "\x00", "\x1b", "🏽", "👍" * 17, "a" * 3000],
)
async def test_anything_but_one_emoji_is_a_422_problem(
    chat: tuple[User, User, User, str, dict[str, Any]], emoji: str
) -> None:
    _, bob, _, conversation_id, message = chat

    for answer in (
        await bob.client.put(reaction_path(conversation_id, message["id"], emoji)),
        await bob.client.delete(reaction_path(conversation_id, message["id"], emoji)),
    ):
        assert_problem(answer, 422)


async def test_outsiders_and_unknown_messages_find_nothing(
    chat: tuple[User, User, User, str, dict[str, Any]],
) -> None:
    alice, _, eve, conversation_id, message = chat
    path = reaction_path(conversation_id, message["id"], "👍")
    unknown = reaction_path(conversation_id, "00000000-0000-4000-8000-000000000000", "👍")

    assert_problem(await eve.client.put(path), 404)
    assert_problem(await eve.client.delete(path), 404)
    assert_problem(await alice.client.put(unknown), 404)


async def test_a_deleted_message_takes_no_reactions_and_shows_none(
    chat: tuple[User, User, User, str, dict[str, Any]],
) -> None:
    alice, bob, _, conversation_id, message = chat
    path = reaction_path(conversation_id, message["id"], "👍")
    assert (await bob.client.put(path)).status_code == 204

    assert (await alice.client.delete(message_path(conversation_id, message["id"]))).status_code == 204

    assert "deleted" in assert_problem(await bob.client.put(path), 409)["detail"]
    assert (await bob.client.delete(path)).status_code == 204

    async def none_shown() -> None:
        shown = await first_message_seen_by(bob, conversation_id)
        assert (shown["deleted"], shown["reactions"]) == (True, [])

    await eventually(none_shown)


async def test_a_message_takes_at_most_the_limit_of_distinct_emoji(
    chat: tuple[User, User, User, str, dict[str, Any]],
) -> None:
    alice, bob, _, conversation_id, message = chat
    emoji = [chr(0x1F600 + n) for n in range(DISTINCT_EMOJI_MAX + 1)]
    for n, one in enumerate(emoji[:DISTINCT_EMOJI_MAX]):
        user = alice if n % 2 else bob
        assert (await user.client.put(reaction_path(conversation_id, message["id"], one))).status_code == 204

    problem = assert_problem(
        await alice.client.put(reaction_path(conversation_id, message["id"], emoji[-1])), 409
    )

    assert str(DISTINCT_EMOJI_MAX) in problem["detail"]
    assert (
        await alice.client.put(reaction_path(conversation_id, message["id"], emoji[0]))
    ).status_code == 204
