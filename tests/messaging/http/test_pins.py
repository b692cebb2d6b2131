"""Pinning messages: who may, the list of pins, the limit, and deletion unpinning."""

import pytest

from contexts.messaging.domain.pin import PINS_PER_CONVERSATION
from kernel.ids import new_id
from tests.api import ChatApi, User
from tests.eventually import eventually
from tests.messaging.http.chat import (
    create_group,
    direct_conversation,
    message_path,
    posted,
    reaction_path,
    sent,
)
from tests.messaging.http.pins import pin, pin_path, pins
from tests.problems import assert_problem


@pytest.fixture
async def chat(monolith: ChatApi) -> tuple[User, User, User, str]:
    """Alice and Bob's conversation, and Eve, who takes no part in it."""
    alice, bob, eve = [await monolith.sign_up(name) for name in ("alice", "bob", "eve")]
    return alice, bob, eve, await direct_conversation(alice, bob)


async def test_either_participant_of_a_direct_conversation_pins_and_all_see_the_pins_latest_first(
    chat: tuple[User, User, User, str],
) -> None:
    alice, bob, _, conversation_id = chat
    first, second = await sent(alice, conversation_id, "first"), await sent(bob, conversation_id, "second")

    answers = [
        await pin(bob, conversation_id, first["id"]),
        await pin(alice, conversation_id, second["id"]),
        await pin(alice, conversation_id, first["id"]),  # again: nothing changes
    ]

    assert [answer.status_code for answer in answers] == [204, 204, 204]

    async def listed() -> None:
        listed = await pins(alice, conversation_id)
        assert [(item["message"], item["pinned_by"]) for item in listed] == [
            (second, alice.id),
            (first, bob.id),
        ]
        assert listed[0]["pinned_at"] > listed[1]["pinned_at"]
        assert await pins(bob, conversation_id) == listed

    await eventually(listed)


async def test_unpinning_takes_a_pin_off_the_list_and_again_changes_nothing(
    chat: tuple[User, User, User, str],
) -> None:
    alice, bob, _, conversation_id = chat
    message = await sent(alice, conversation_id)
    await pin(alice, conversation_id, message["id"])

    answers = [
        (await bob.client.delete(pin_path(conversation_id, message["id"]))).status_code for _ in range(2)
    ]

    assert answers == [204, 204]

    async def unpinned() -> None:
        assert await pins(alice, conversation_id) == []

    await eventually(unpinned)


async def test_deleting_a_message_unpins_it_and_a_deleted_message_cannot_be_pinned(
    chat: tuple[User, User, User, str],
) -> None:
    alice, bob, _, conversation_id = chat
    kept, deleted = await sent(alice, conversation_id, "kept"), await sent(alice, conversation_id, "gone")
    await pin(bob, conversation_id, kept["id"])
    await pin(bob, conversation_id, deleted["id"])

    assert (await alice.client.delete(message_path(conversation_id, deleted["id"]))).status_code == 204
    assert_problem(await pin(bob, conversation_id, deleted["id"]), 409)

    async def unpinned() -> None:
        assert [item["message"]["id"] for item in await pins(bob, conversation_id)] == [kept["id"]]

    await eventually(unpinned)


async def test_the_pin_after_the_limit_is_a_409_problem_until_one_is_unpinned(
    chat: tuple[User, User, User, str],
) -> None:
    alice, _, _, conversation_id = chat
    messages = [await sent(alice, conversation_id, f"message {n}") for n in range(PINS_PER_CONVERSATION + 1)]
    for message in messages[:-1]:
        assert (await pin(alice, conversation_id, message["id"])).status_code == 204

    problem = assert_problem(await pin(alice, conversation_id, messages[-1]["id"]), 409)
    await alice.client.delete(pin_path(conversation_id, messages[0]["id"]))
    again = await pin(alice, conversation_id, messages[-1]["id"])

    assert f"{PINS_PER_CONVERSATION} pins" in problem["detail"]
    assert again.status_code == 204, again.text


async def test_outsiders_unknown_messages_and_anonymous_callers_cannot_pin_nor_list(
    monolith: ChatApi, chat: tuple[User, User, User, str]
) -> None:
    alice, _, eve, conversation_id = chat
    message = await sent(alice, conversation_id)

    assert_problem(await pin(eve, conversation_id, message["id"]), 404)
    assert_problem(await eve.client.delete(pin_path(conversation_id, message["id"])), 404)
    assert_problem(await eve.client.get(f"/api/v1/conversations/{conversation_id}/pins"), 404)
    assert_problem(await pin(alice, conversation_id, str(new_id())), 404)
    assert_problem(await pin(alice, str(new_id()), message["id"]), 404)
    assert_problem(await pin(monolith.client, conversation_id, message["id"]), 401)
    assert_problem(await monolith.client.get(f"/api/v1/conversations/{conversation_id}/pins"), 401)
    assert_problem(await alice.client.put(f"/api/v1/conversations/{conversation_id}/pins/not-an-id"), 422)


async def test_in_a_group_owners_and_admins_pin_members_get_403(monolith: ChatApi) -> None:
    owner, admin, member = [await monolith.sign_up(name) for name in ("owner", "admin", "member")]
    group_id = await create_group(owner, admin, member)
    promoted = await owner.client.patch(
        f"/api/v1/groups/{group_id}/members/{admin.id}", json={"role": "admin"}
    )
    assert promoted.status_code == 200, promoted.text
    message = await posted(member, group_id, "worth keeping")

    async def pinned_by_admin() -> None:  # once messaging has heard of the promotion
        assert (await pin(admin, group_id, message["id"])).status_code == 204

    await eventually(pinned_by_admin)
    assert_problem(await pin(member, group_id, message["id"]), 403)
    assert_problem(await member.client.delete(pin_path(group_id, message["id"])), 403)
    assert (await owner.client.delete(pin_path(group_id, message["id"]))).status_code == 204
    assert (await pin(owner, group_id, message["id"])).status_code == 204


async def test_a_pinned_message_is_listed_with_its_reactions_as_each_reader_sees_them(
    chat: tuple[User, User, User, str],
) -> None:
    alice, bob, _, conversation_id = chat
    message = await sent(alice, conversation_id, "lunch?")
    assert (await bob.client.put(reaction_path(conversation_id, message["id"], "👍"))).status_code == 204
    assert (await pin(alice, conversation_id, message["id"])).status_code == 204

    async def listed_with_reactions() -> None:
        for_alice, for_bob = await pins(alice, conversation_id), await pins(bob, conversation_id)
        assert [item["message"]["reactions"] for item in for_alice] == [
            [{"emoji": "👍", "count": 1, "me": False}]
        ]
        assert [item["message"]["reactions"] for item in for_bob] == [
            [{"emoji": "👍", "count": 1, "me": True}]
        ]

    await eventually(listed_with_reactions)
