"""Every query of the MongoDB read models is an index scan, as the server explains it."""

from typing import Any

import pytest

from contexts.messaging.adapters.outbound.mongodb import queries
from contexts.messaging.adapters.outbound.mongodb.queries import Query
from kernel.ids import new_id
from tests.messaging.adapters.conftest import mongo_read_models
from tests.messaging.adapters.test_read_model_store import told
from tests.messaging.conversation_story import ConversationStory

USER, CONVERSATION = str(new_id()), str(new_id())

QUERIES = {
    "conversations of a user": queries.conversations_of(USER),
    "conversations of a user, from a cursor": queries.conversations_of(USER, 10**15),
    "last message": queries.last_message(CONVERSATION),
    "unread messages": queries.after_marker(CONVERSATION, 3),
    "latest page": queries.timeline(CONVERSATION, after=0, before=None, latest=True),
    "page before": queries.timeline(CONVERSATION, after=0, before=10, latest=True),
    "page after": queries.timeline(CONVERSATION, after=5, before=None, latest=False),
    "pins": queries.pins(CONVERSATION),
    "pinned messages": queries.messages_by_id([str(new_id()), str(new_id())]),
    "latest page of a thread": queries.thread(CONVERSATION, after=0, before=None, latest=True),
    "page of a thread after": queries.thread(CONVERSATION, after=5, before=None, latest=False),
    "reactions of a page": queries.reactions_of([str(new_id()), str(new_id())]),
}


def stages(plan: dict[str, Any]) -> list[str]:
    """The stages of a winning plan, from the top down."""
    found = [plan["stage"]]
    for child in [plan.get("inputStage"), *plan.get("inputStages", [])]:
        if child:
            found += stages(child)
    return found


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
async def test_the_query_scans_an_index_never_the_collection(mongodb_url: str, query: Query) -> None:
    async with mongo_read_models(mongodb_url) as (store, database):
        story = ConversationStory(new_id(), new_id())
        story.created()
        for n in range(20):
            message_id, _ = story.sent(new_id(), f"message {n}")
            story.reacted(new_id(), message_id, "👍")
        await told(store, *story.events)
        command: dict[str, Any] = {"find": f"messaging_{query.collection}", "filter": query.filter}
        if query.sort:
            command["sort"] = dict(query.sort)

        explained = await database.command("explain", command, verbosity="queryPlanner")

    plan = stages(explained["queryPlanner"]["winningPlan"])
    assert "IXSCAN" in plan, plan
    assert "COLLSCAN" not in plan, plan
