"""The read models' pins, on every adapter (see test_read_model_store.py, whose stories also pin)."""

from contexts.messaging.ports.read_model_store import PinnedMessage, ReadModelStore
from kernel.ids import new_id
from tests.messaging.adapters.test_read_model_store import ALICE, BOB, told
from tests.messaging.conversation_story import ConversationStory


async def test_pins_are_listed_the_latest_pinned_first_up_to_the_count(read_models: ReadModelStore) -> None:
    story, other = ConversationStory(ALICE, BOB), ConversationStory(ALICE, BOB)
    story.created()
    ids = [story.sent(ALICE, f"message {n}")[0] for n in range(4)]
    for message_id in (ids[2], ids[0], ids[3]):
        story.pinned(message_id, BOB)
    elsewhere, _ = other.sent(ALICE, "elsewhere")
    other.pinned(elsewhere, ALICE)
    await told(read_models, *story.events, *other.events)

    pins = await read_models.pins(story.id, count=2)

    assert pins == [PinnedMessage(message, pin) for message, pin in story.pinned_messages()[:2]]
    assert [pin.message["id"] for pin in pins] == [ids[3], ids[0]]


async def test_a_pin_told_before_its_message_waits_for_it(read_models: ReadModelStore) -> None:
    story = ConversationStory(ALICE, BOB)
    message_id, sent = story.sent(ALICE)
    pinned = story.pinned(message_id, BOB)

    await told(read_models, pinned)
    assert await read_models.pins(story.id, count=50) == []

    await told(read_models, sent)
    assert [pin.message["id"] for pin in await read_models.pins(story.id, count=50)] == [message_id]


async def test_a_late_pin_does_not_undo_a_later_unpinning(read_models: ReadModelStore) -> None:
    story = ConversationStory(ALICE, BOB)
    message_id, _ = story.sent(ALICE)
    pinned = story.pinned(message_id, BOB)
    story.unpinned(message_id)

    await told(read_models, *story.events, pinned)

    assert await read_models.pins(story.id, count=50) == []
    assert await read_models.pins(str(new_id()), count=50) == []
