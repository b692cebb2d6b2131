"""The read-model store's contract for reactions, run against every adapter: embedded on SQLite and
PostgreSQL, and MongoDB (the MongoDB-protocol server)."""

import random

from contexts.messaging.ports.read_model_store import ReadModelStore
from kernel.ids import new_id
from tests.messaging.adapters.test_read_model_store import ALICE, BOB, CAROL, told
from tests.messaging.conversation_story import ConversationStory


def a_story_with_reactions() -> tuple[ConversationStory, list[str]]:
    story = ConversationStory(ALICE, BOB, CAROL)
    story.created()
    first, _ = story.sent(ALICE, "first")
    second, _ = story.sent(BOB, "second")
    doomed, _ = story.sent(CAROL, "doomed")
    story.reacted(BOB, first, "🎉")
    story.reacted(CAROL, first, "👍")
    story.reacted(ALICE, first, "🎉")
    story.reacted(BOB, first, "🎉", added=False)
    story.reacted(ALICE, second, "❤️")
    story.reacted(ALICE, second, "❤️", added=False)
    story.reacted(BOB, doomed, "👍")
    story.deleted(doomed)
    return story, [first, second, doomed]


async def test_each_message_shows_its_latest_reactions_in_any_order_of_arrival(
    read_models: ReadModelStore,
) -> None:
    story, [first, second, doomed] = a_story_with_reactions()
    shuffled = story.events * 2
    random.Random(16).shuffle(shuffled)

    await told(read_models, *shuffled)

    assert await read_models.reactions([first, second, doomed, str(new_id())]) == {
        first: story.reactions_of(first)
    }
    assert story.reactions_of(first) == [
        {"emoji": "🎉", "count": 1, "user_ids": [str(ALICE)]},
        {"emoji": "👍", "count": 1, "user_ids": [str(CAROL)]},
    ]


async def test_reactions_told_before_their_message_wait_for_it(read_models: ReadModelStore) -> None:
    story = ConversationStory(ALICE, BOB)
    message_id, sent = story.sent(ALICE)
    reacted = story.reacted(BOB, message_id, "👍")

    await told(read_models, reacted)
    assert await read_models.messages(story.id, after=0, before=None, count=10, latest=True) == []
    await told(read_models, sent)

    assert await read_models.reactions([message_id]) == {message_id: story.reactions_of(message_id)}


async def test_a_rebuild_replaces_the_reactions_with_the_rebuilt_ones(read_models: ReadModelStore) -> None:
    old, new = a_story_with_reactions(), a_story_with_reactions()
    await told(read_models, *old[0].events)

    async with read_models.rebuilding() as fresh:
        await told(fresh, *new[0].events)  # type: ignore[arg-type]
        assert await read_models.reactions(old[1]) == {old[1][0]: old[0].reactions_of(old[1][0])}

    assert await read_models.reactions(old[1]) == {}
    assert await read_models.reactions(new[1]) == {new[1][0]: new[0].reactions_of(new[1][0])}
