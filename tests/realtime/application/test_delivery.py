"""What realtime does with the changes other contexts tell it of, before any socket sees them."""

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from contexts.notifications.contracts.events import Notification, NotificationCreated
from contexts.realtime.adapters.inbound.events.consumer import delivery_consumer
from contexts.realtime.application.delivery import ConversationChanged, MessageChanged
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from kernel.ids import new_id
from tests.eventually import eventually
from tests.realtime.application.conftest import Realtime, settle, users
from tests.realtime.application.fakes import RecordingClient
from tests.realtime.messages import a_message, logged


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

    await realtime.delivery(
        [MessageChanged(FrameType.MESSAGE_EDITED, edited, {alice, bob}, logged(edited).revision)]
    )

    assert await realtime.log.after(conversation, 0, 10) == [edited]


async def test_message_events_teach_the_directory_conversations_it_never_heard_begin(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    conversation = new_id()

    await realtime.delivery(
        [MessageChanged(FrameType.MESSAGE_CREATED, a_message(conversation, 1), {alice, bob}, 0)]
    )

    assert await realtime.directory.participants(conversation) == {alice, bob}


def frames(client: RecordingClient) -> list[Frame]:
    """What the client was pushed, but presence: users connecting tell each other they are online."""
    return [sent for sent in client.sent if isinstance(sent, Frame) and sent.type != FrameType.PRESENCE]


async def test_a_notification_reaches_every_socket_of_its_recipient_and_no_one_else(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)  # Bob takes part in what it is about, too
    notification = Notification(
        id=str(new_id()),
        kind="mention",
        conversation_id=str(conversation),
        message_id=str(new_id()),
        actor_id=str(bob),
        preview="@alice look",
        created_at="2025-12-08T10:00:00Z",
        read_at=None,
    )
    created = NotificationCreated(recipient_id=str(alice), notification=notification)
    consumer = delivery_consumer(realtime.delivery)
    async with (
        realtime.connected(alice) as (_, alices_phone),
        realtime.connected(alice) as (_, alices_laptop),
        realtime.connected(bob) as (_, bobs_phone),
    ):
        await consumer.apply([created.to_event(subject=str(alice), time=datetime.now(UTC))])

        async def delivered() -> None:
            for client in (alices_phone, alices_laptop):
                assert frames(client) == [Frame(FrameType.NOTIFICATION_CREATED, notification)]

        await eventually(delivered)
        await settle()
        assert "notifications.notification_created" in consumer.event_types
        assert frames(bobs_phone) == []


async def test_people_who_begin_to_share_a_conversation_learn_which_of_them_are_online(
    realtime: Realtime,
) -> None:
    alice, bob, carol = users(3)
    conversation = new_id()
    async with (
        realtime.connected(alice) as (_, alices_phone),
        realtime.connected(bob) as (_, bobs_phone),
        realtime.connected(carol) as (_, carols_phone),
    ):
        await settle()  # they are strangers: coming online told no one
        assert [presence(alices_phone), presence(bobs_phone), presence(carols_phone)] == [[], [], []]

        await realtime.delivery(
            [ConversationChanged({"id": str(conversation)}, {alice, bob}, newcomers={alice, bob})]
        )
        await settle()

        assert presence(alices_phone) == [{"user_id": str(bob), "status": "online"}]
        assert presence(bobs_phone) == [{"user_id": str(alice), "status": "online"}]
        assert presence(carols_phone) == []


def presence(client: RecordingClient) -> list[Mapping[str, Any]]:
    return [sent.data for sent in client.sent if isinstance(sent, Frame) and sent.type == FrameType.PRESENCE]
