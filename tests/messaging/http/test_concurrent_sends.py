"""The sequence and idempotency guarantees through HTTP on the composed monolith."""

import asyncio
from collections import Counter

from tests.api import ChatApi
from tests.messaging.http.chat import direct_conversation, send

MESSAGES = 100


async def test_concurrent_senders_get_the_seqs_1_to_n(monolith: ChatApi) -> None:
    alice, bob = await monolith.sign_up("alice"), await monolith.sign_up("bob")
    conversation_id = await direct_conversation(alice, bob)

    responses = await asyncio.gather(
        *(send(alice if n % 2 else bob, conversation_id, f"message {n}") for n in range(MESSAGES))
    )

    assert {response.status_code for response in responses} == {201}
    assert sorted(response.json()["seq"] for response in responses) == list(range(1, MESSAGES + 1))


async def test_a_message_sent_many_times_at_once_is_sent_once(monolith: ChatApi) -> None:
    alice, bob = await monolith.sign_up("alice"), await monolith.sign_up("bob")
    conversation_id = await direct_conversation(alice, bob)

    responses = await asyncio.gather(*(send(alice, conversation_id, "hello", "retried") for _ in range(30)))

    assert Counter(response.status_code for response in responses) == Counter({201: 1, 200: 29})
    assert len({response.json()["id"] for response in responses}) == 1
    assert (await send(alice, conversation_id, "next", "c-2")).json()["seq"] == 2
