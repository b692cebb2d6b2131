from datetime import datetime
from typing import Any

import pytest

from kernel.ids import new_id
from tests.api import ChatApi
from tests.messaging.http.chat import open_direct
from tests.problems import assert_problem


async def test_a_direct_conversation_is_created_once_and_found_by_either_user(monolith: ChatApi) -> None:
    alice, bob = await monolith.sign_up("alice"), await monolith.sign_up("bob")

    created = await open_direct(alice, bob)
    again = await alice.client.post("/api/v1/conversations/direct", json={"user_id": bob.id})
    by_bob = await bob.client.post("/api/v1/conversations/direct", json={"user_id": alice.id})

    assert (created.status_code, again.status_code, by_bob.status_code) == (201, 200, 200)
    conversation = created.json()
    assert again.json() == by_bob.json() == conversation
    assert conversation.keys() == {"id", "kind", "title", "participant_ids", "created_at", "closed"}
    assert (conversation["kind"], conversation["title"], conversation["closed"]) == ("direct", None, False)
    assert sorted(conversation["participant_ids"]) == sorted([alice.id, bob.id])
    assert datetime.fromisoformat(conversation["created_at"]).utcoffset() is not None


async def test_a_conversation_with_oneself_or_an_unknown_user_is_a_422_problem(monolith: ChatApi) -> None:
    alice = await monolith.sign_up("alice")

    with_herself = await alice.client.post("/api/v1/conversations/direct", json={"user_id": alice.id})
    with_nobody = await alice.client.post("/api/v1/conversations/direct", json={"user_id": str(new_id())})

    assert assert_problem(with_herself, 422)["errors"][0]["field"] == "user_id"
    assert assert_problem(with_nobody, 422)["errors"][0]["field"] == "user_id"


@pytest.mark.parametrize("body", [{}, {"user_id": "not-a-uuid"}, {"user_id": None}, {"user_id": 5}, []])
async def test_a_malformed_request_is_a_422_problem(monolith: ChatApi, body: Any) -> None:
    alice = await monolith.sign_up("alice")

    response = await alice.client.post("/api/v1/conversations/direct", json=body)

    assert_problem(response, 422)


async def test_anonymous_callers_are_refused(monolith: ChatApi) -> None:
    alice = await monolith.sign_up("alice")

    response = await monolith.client.post("/api/v1/conversations/direct", json={"user_id": alice.id})

    assert_problem(response, 401)
