"""Messaging's queries as a service of its own: its read models in MongoDB, fed over the broker."""

from typing import Any

from kernel.ids import new_id
from tests.eventually import eventually
from tests.messaging.http.chat import direct_conversation, listed, message_path, page, sent, seqs
from tests.problems import assert_problem
from tests.services import Services


async def test_queries_answer_from_mongodb_read_models(services: Services) -> None:
    alice, bob, eve = [await services.api.sign_up(name) for name in ("alice", "bob", "eve")]
    conversation_id = await direct_conversation(alice, bob)
    first = await sent(alice, conversation_id, "helo")
    for n in range(2, 6):
        await sent(bob, conversation_id, f"message {n}")
    edited = await alice.client.patch(message_path(conversation_id, first["id"]), json={"body": "hello"})
    assert edited.status_code == 200, edited.text

    async def caught_up() -> dict[str, Any]:
        summaries = await listed(alice)
        assert len(summaries) == 1
        summary = summaries[0]
        assert summary["last_message"] is not None
        assert summary["last_message"]["seq"] == 5
        assert (await page(alice, conversation_id, "?limit=5"))["items"][0] == edited.json()
        return dict(summary)

    summary = await eventually(caught_up, within=30)
    assert (summary["id"], summary["unread_count"]) == (conversation_id, 4)
    assert seqs(await page(bob, conversation_id, "?limit=2")) == ([4, 5], True)
    assert seqs(await page(bob, conversation_id, "?before=4&limit=2")) == ([2, 3], True)
    assert seqs(await page(bob, conversation_id, "?after=3")) == ([4, 5], False)
    conversation = await alice.client.get(f"/api/v1/conversations/{conversation_id}")
    assert (conversation.status_code, conversation.json()["id"]) == (200, conversation_id)
    assert await listed(eve) == []
    assert_problem(await eve.client.get(f"/api/v1/conversations/{conversation_id}"), 404)
    assert_problem(await eve.client.get(f"/api/v1/conversations/{conversation_id}/messages"), 404)
    assert_problem(await alice.client.get(f"/api/v1/conversations/{new_id()}"), 404)
    for query in ("?limit=0", "?limit=101", "?before=x", f"?after={2**64}"):
        assert_problem(
            await alice.client.get(f"/api/v1/conversations/{conversation_id}/messages{query}"), 422
        )
