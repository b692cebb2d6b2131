from typing import Any

import pytest

from kernel.ids import new_id
from tests.api import ChatApi
from tests.messaging.http.chat import direct_conversation, sent
from tests.problems import assert_problem


async def test_read_markers_answer_204_forward_backward_and_in_place(monolith: ChatApi) -> None:
    alice, bob = await monolith.sign_up("alice"), await monolith.sign_up("bob")
    conversation_id = await direct_conversation(alice, bob)
    for text in ("one", "two", "three"):
        await sent(bob, conversation_id, text)
    path = f"/api/v1/conversations/{conversation_id}/read"

    answers = [(await alice.client.post(path, json={"seq": seq})).status_code for seq in (2, 1, 2, 3, 0)]

    assert answers == [204] * 5
    assert_problem(await alice.client.post(path, json={"seq": 4}), 422)


async def test_outsiders_unknown_conversations_and_anonymous_callers_have_no_read_marker(
    monolith: ChatApi,
) -> None:
    alice, bob, eve = [await monolith.sign_up(name) for name in ("alice", "bob", "eve")]
    conversation_id = await direct_conversation(alice, bob)

    assert_problem(
        await eve.client.post(f"/api/v1/conversations/{conversation_id}/read", json={"seq": 0}), 404
    )
    assert_problem(await alice.client.post(f"/api/v1/conversations/{new_id()}/read", json={"seq": 0}), 404)
    assert_problem(
        await monolith.client.post(f"/api/v1/conversations/{conversation_id}/read", json={"seq": 0}), 401
    )


@pytest.mark.parametrize("body", [{}, {"seq": -1}, {"seq": "many"}, {"seq": None}, {"seq": 1.5}])
async def test_a_malformed_seq_is_a_422_problem(monolith: ChatApi, body: dict[str, Any]) -> None:
    alice, bob = await monolith.sign_up("alice"), await monolith.sign_up("bob")
    conversation_id = await direct_conversation(alice, bob)

    assert_problem(await alice.client.post(f"/api/v1/conversations/{conversation_id}/read", json=body), 422)
