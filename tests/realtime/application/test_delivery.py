"""What realtime does with the changes other contexts tell it of, before any socket sees them."""

from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from kernel.ids import new_id
from tests.realtime.application.conftest import Realtime, users
from tests.realtime.messages import a_message


async def test_a_message_is_logged_before_its_frame_is_published(realtime: Realtime) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)
    logged_when_published: list[bool] = []

    def listener(frame: Frame) -> None:
        logged_when_published.append(frame.data["seq"] in realtime.log.messages.get(conversation, {}))

    await realtime.sessions.pubsub.subscribe(alice, listener)
    await realtime.send(conversation, 1)

    assert logged_when_published == [True]


async def test_an_edit_replaces_the_message_in_the_log(realtime: Realtime) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)
    await realtime.send(conversation, 1)
    edited = a_message(conversation, 1) | {"body": "edited", "edited_at": "2025-12-08T10:01:00Z"}

    await realtime.delivery.message(FrameType.MESSAGE_EDITED, edited, {alice, bob})

    assert await realtime.log.after(conversation, 0, 10) == [edited]


async def test_message_events_teach_the_directory_conversations_it_never_heard_begin(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    conversation = new_id()

    await realtime.delivery.message(FrameType.MESSAGE_CREATED, a_message(conversation, 1), {alice, bob})

    assert await realtime.directory.participants(conversation) == {alice, bob}
