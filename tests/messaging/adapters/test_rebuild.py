"""Rebuilding the read models from the write side gives the views the events built, on both
kinds of read models and both databases of the write side."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest
from pymongo import AsyncMongoClient

from contexts.identity.contracts.events import UserRegistered
from contexts.messaging.application.conversation_queries import MessagePage
from contexts.messaging.application.rebuild_read_models import REPLAY_MARGIN
from contexts.messaging.application.search_messages import SearchPage
from contexts.messaging.container import MessagingContainer
from contexts.messaging.ports.message_search import IndexedMessage, SearchQuery
from kernel.ids import new_id
from kernel.integration_event import EventBatchHandler
from tests.clock import SteppedClock
from tests.messaging.composition import composed_messaging
from tests.messaging.group_story import GroupStory

Messaging = tuple[MessagingContainer, EventBatchHandler]

LONG_AGO = REPLAY_MARGIN * 10


@pytest.fixture
def clock() -> SteppedClock:
    return SteppedClock()


@pytest.fixture(params=["embedded", "mongodb"])
def mongodb_or_embedded(request: pytest.FixtureRequest) -> str | None:
    """The MongoDB server holding the read models, or None for the embedded ones."""
    return None if request.param == "embedded" else str(request.getfixturevalue("mongodb_url"))


@pytest.fixture
async def messaging(
    mongodb_or_embedded: str | None, database_url: str, clock: SteppedClock
) -> AsyncIterator[Messaging]:
    if mongodb_or_embedded is None:
        async with composed_messaging(database_url, clock=clock) as composed:
            yield composed
        return
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongodb_or_embedded)
    database = f"test_{new_id().hex}"
    try:
        async with composed_messaging(database_url, client, database, clock) as composed:
            yield composed
    finally:
        await client.drop_database(database)
        await client.close()


async def project_the_outbox(messaging: Messaging) -> None:
    """What the bus does in a process: every event messaging stored reaches its consumer group."""
    container, deliver = messaging
    await deliver(await container.write_side.outbox().since(datetime.min.replace(tzinfo=UTC)))


async def a_busy_history(messaging: Messaging, clock: SteppedClock) -> list[UUID]:
    """A direct conversation and a group's, with edits, reactions, a deletion, a thread with a deleted
    reply, read markers and pins (one taken off by its message's deletion); its people."""
    container, deliver = messaging
    alice, bob, carol = new_id(), new_id(), new_id()
    await deliver(
        [
            UserRegistered(
                user_id=str(user),
                username=user.hex[:8],
                display_name="X",
                created_at="2025-01-01T00:00:00+00:00",
            ).to_event(subject=str(user), time=clock.now())
            for user in (alice, bob, carol)
        ]
    )
    group = GroupStory(alice)
    await deliver([group.created(bob, carol)])
    direct, _ = await container.open_direct_conversation()(alice, other_id=bob)
    for n in range(3):
        await container.send_message()(
            alice, conversation_id=direct.id, client_message_id=f"c-{n}", body=f"hello {n}"
        )
        await container.send_message()(
            carol, conversation_id=group.group_id, client_message_id=f"c-{n}", body=f"hi {n}"
        )
    edited, _ = await container.send_message()(
        bob, conversation_id=direct.id, client_message_id="c-edit", body="helo"
    )
    await container.edit_message()(bob, conversation_id=direct.id, message_id=edited.id, body="hello")
    doomed, _ = await container.send_message()(
        carol, conversation_id=group.group_id, client_message_id="c-gone", body="gone"
    )
    await container.pin_message()(bob, conversation_id=direct.id, message_id=edited.id)
    await container.pin_message()(alice, conversation_id=group.group_id, message_id=doomed.id)
    react = container.react_to_message()
    for user, emoji in [(bob, "👍"), (carol, "🎉"), (alice, "👍")]:
        await react(user, conversation_id=group.group_id, message_id=doomed.id, emoji=emoji, added=True)
    for user, emoji, added in [(bob, "🎉", True), (alice, "👍", True), (bob, "👍", True), (bob, "🎉", False)]:
        await react(user, conversation_id=direct.id, message_id=edited.id, emoji=emoji, added=added)
    await container.delete_message()(alice, conversation_id=group.group_id, message_id=doomed.id)
    root, _ = await container.send_message()(
        alice, conversation_id=group.group_id, client_message_id="c-root", body="lunch?"
    )
    for sender, body in ((bob, "yes"), (carol, "no"), (alice, "noon")):
        answer, _ = await container.send_message()(
            sender, conversation_id=group.group_id, client_message_id=f"c-{body}", body=body, reply_to=root.id
        )
    await container.delete_message()(alice, conversation_id=group.group_id, message_id=answer.id)
    await container.mark_conversation_read()(bob, conversation_id=direct.id, seq=2)
    await deliver([group.renamed("Crew, renamed"), group.member_removed(bob)])
    return [alice, bob, carol]


SEARCHES = ("hello", "hi", "gone", "lunch", "noon", "yes")


async def views(container: MessagingContainer, people: list[UUID]) -> list[object]:
    """Every query's answer, and every search's, for each of the people."""
    queries = container.queries()
    answers: list[object] = []
    for person in people:
        for text in SEARCHES:
            answers.append(
                await container.search_messages()(
                    person, text, conversation_id=None, sent_before=None, cursor=None, limit=100
                )
            )
        page = await queries.conversations(person, cursor=None, limit=100)
        answers.append(page)
        for summary in page.items:
            conversation_id = UUID(summary.conversation["id"])
            answers.append(
                await queries.messages(person, conversation_id, before=None, after=None, limit=100)
            )
            answers.append(await container.pinned_messages()(person, conversation_id))
            timeline = await queries.messages(person, conversation_id, before=None, after=None, limit=100)
            answers.append(timeline)
            for root in timeline.items:
                if root["reply_count"]:
                    thread = await queries.thread(
                        person, conversation_id, UUID(root["id"]), before=None, after=None, limit=100
                    )
                    answers.append(thread)
    return answers


async def test_a_rebuilt_view_equals_the_live_one(messaging: Messaging, clock: SteppedClock) -> None:
    container, _ = messaging
    people = await a_busy_history(messaging, clock)
    await project_the_outbox(messaging)
    live = await views(container, people)
    assert any(live)
    assert any(isinstance(view, SearchPage) and view.items for view in live)
    assert any(isinstance(view, MessagePage) and view.reactions for view in live)
    clock.advance(LONG_AGO)  # out of the replay's reach: the write side alone rebuilds the views
    index = container.message_search()
    stray = IndexedMessage(
        new_id(), new_id(), 1, new_id(), "not on the write side", clock.now(), deleted=False
    )
    await index.index([(stray, 0)])

    await container.rebuild_read_models()()

    assert await views(container, people) == live
    # The index was cleared before it was told every message.
    assert (
        await index.search(
            SearchQuery(words=("side",), phrases=()),
            conversation_ids=[stray.conversation_id],
            sent_before=None,
            offset=0,
            limit=10,
        )
        == []
    )


async def test_a_rebuild_brings_back_read_models_that_never_heard_the_events(
    messaging: Messaging, clock: SteppedClock
) -> None:
    """As for a store that was lost, or a read model added after its events were published."""
    container, _ = messaging
    people = await a_busy_history(messaging, clock)
    blank = await views(container, people)
    clock.advance(LONG_AGO)

    await container.rebuild_read_models()()

    rebuilt = await views(container, people)
    await project_the_outbox(messaging)
    assert rebuilt != blank
    assert rebuilt == await views(container, people)
