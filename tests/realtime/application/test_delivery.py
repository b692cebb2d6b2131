"""What realtime does with the changes other contexts tell it of, before any socket sees them."""

from collections.abc import Collection, Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest

from contexts.notifications.contracts.events import NotificationCreated, PublishedNotification
from contexts.realtime.adapters.inbound.events.consumer import EVENT_TYPES, EventDelivery
from contexts.realtime.application.delivery import ConversationChanged, MessageChanged, ToldParticipants
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from infra.failures import is_transient
from kernel.copies import NotToldYetError
from kernel.ids import new_id
from tests.eventually import eventually
from tests.realtime.application.conftest import Realtime, delivered, settle, users
from tests.realtime.application.fakes import RecordingClient
from tests.realtime.messages import a_message, logged


async def test_a_message_is_logged_before_its_frame_is_published(realtime: Realtime) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)
    logged_when_published: list[bool] = []

    def listener(frame: Frame) -> None:
        logged_when_published.append(frame.data["seq"] in realtime.log.messages.get(conversation, {}))

    await realtime.sockets.pubsub.subscribe(alice, listener)
    await realtime.send(conversation, 1)

    assert logged_when_published == [True]


async def test_an_edit_replaces_the_message_in_the_log(realtime: Realtime) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)
    await realtime.send(conversation, 1)
    edited = a_message(conversation, 1) | {"body": "edited", "edited_at": "2025-12-08T10:01:00Z"}

    await realtime.delivery([MessageChanged(FrameType.MESSAGE_EDITED, edited, logged(edited).revision)])

    assert await realtime.log.after(conversation, 0, 10) == [edited]


def began(conversation_id: UUID, *participant_ids: UUID) -> ConversationChanged:
    return ConversationChanged({"id": str(conversation_id)}, set(participant_ids), set(participant_ids))


def changed(
    conversation_id: UUID, *participant_ids: UUID, newcomers: Collection[UUID] = ()
) -> ConversationChanged:
    return ConversationChanged({"id": str(conversation_id)}, set(participant_ids), set(newcomers))


def sent(conversation_id: UUID, seq: int) -> MessageChanged:
    return MessageChanged(FrameType.MESSAGE_CREATED, a_message(conversation_id, seq), 0)


def read(conversation_id: UUID, user_id: UUID, seq: int) -> ToldParticipants:
    marker = {"conversation_id": str(conversation_id), "user_id": str(user_id), "seq": seq}
    return ToldParticipants(conversation_id, Frame(FrameType.CONVERSATION_READ, marker))


async def test_messages_and_read_markers_go_to_the_participants_as_they_are_at_each_in_the_batch(
    realtime: Realtime,
) -> None:
    alice, bob, carol = users(3)
    conversation = new_id()
    async with (
        realtime.connected(alice) as (_, alices_phone),
        realtime.connected(bob) as (_, bobs_phone),
        realtime.connected(carol) as (_, carols_phone),
    ):
        await realtime.delivery(
            [
                began(conversation, alice, bob),
                sent(conversation, 1),
                changed(conversation, alice, bob, carol, newcomers={carol}),
                sent(conversation, 2),
                read(conversation, alice, 2),
                changed(conversation, alice, carol),
                sent(conversation, 3),
            ]
        )

        await delivered(alices_phone, [1, 2, 3])
        await delivered(bobs_phone, [1, 2])
        await delivered(carols_phone, [2, 3])
        await settle()
        for client in (alices_phone, bobs_phone, carols_phone):
            assert [frame.data["user_id"] for frame in frames_of(client, FrameType.CONVERSATION_READ)] == [
                str(alice)
            ]
    assert await realtime.directory.participants(conversation) == {alice, carol}


async def test_a_batch_asks_the_directory_who_takes_part_once_whatever_it_holds(realtime: Realtime) -> None:
    alice, bob, carol = users(3)
    conversations = [await realtime.conversation(alice, bob) for _ in range(5)]
    newcomer = new_id()
    reads = realtime.directory.reads

    await realtime.delivery(
        [
            began(newcomer, alice, carol),
            *(sent(conversation, seq) for seq in range(1, 11) for conversation in conversations),
            sent(newcomer, 1),
            *(read(conversation, bob, 10) for conversation in conversations),
        ]
    )

    assert realtime.directory.reads == reads + 1
    assert await realtime.directory.participants(newcomer) == {alice, carol}


async def test_a_message_of_a_conversation_the_directory_was_never_told_of_waits_for_its_telling(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    known, unknown = await realtime.conversation(alice, bob), new_id()
    async with realtime.connected(alice) as (_, alices_phone):
        with pytest.raises(NotToldYetError) as raised:
            await realtime.delivery([sent(known, 1), sent(unknown, 1)])
        await settle()
        assert alices_phone.seqs() == []  # nothing of the batch went out: it is tried again whole
        assert is_transient(
            raised.value
        )  # its consumer group holds still, neither skipping nor setting it aside

        with pytest.raises(NotToldYetError):
            await realtime.delivery([read(unknown, bob, 1)])

        await realtime.delivery(
            [began(unknown, alice, bob), sent(known, 1), sent(unknown, 1)]
        )  # told at last
        await delivered(alices_phone, [1, 1])


def frames(client: RecordingClient) -> list[Frame]:
    """What the client was pushed, but presence: users connecting tell each other they are online."""
    return [sent for sent in client.sent if isinstance(sent, Frame) and sent.type != FrameType.PRESENCE]


async def test_a_notification_reaches_every_socket_of_its_recipient_and_no_one_else(
    realtime: Realtime,
) -> None:
    alice, bob = users(2)
    conversation = await realtime.conversation(alice, bob)  # Bob takes part in what it is about, too
    notification = PublishedNotification(
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
    consume = EventDelivery(realtime.delivery)
    async with (
        realtime.connected(alice) as (_, alices_phone),
        realtime.connected(alice) as (_, alices_laptop),
        realtime.connected(bob) as (_, bobs_phone),
    ):
        await consume([created.to_event(subject=str(alice), time=datetime.now(UTC))])

        async def delivered() -> None:
            for client in (alices_phone, alices_laptop):
                assert frames(client) == [Frame(FrameType.NOTIFICATION_CREATED, notification)]

        await eventually(delivered)
        await settle()
        assert "notifications.notification_created" in EVENT_TYPES
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
    return [frame.data for frame in frames_of(client, FrameType.PRESENCE)]


def frames_of(client: RecordingClient, frame_type: FrameType) -> list[Frame]:
    return [sent for sent in client.sent if isinstance(sent, Frame) and sent.type == frame_type]
