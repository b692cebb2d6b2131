"""Delivery on realtime's own database, fed messaging's events as the consumer is: whom a message
or a read marker goes to is read from the conversation directory, one query per batch."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, cast
from uuid import UUID

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from contexts.messaging.contracts import events as messaging
from contexts.realtime.adapters.inbound.events.consumer import EventDelivery
from contexts.realtime.adapters.outbound.in_memory_presence_store import InMemoryPresenceStore
from contexts.realtime.adapters.outbound.in_process_pubsub import InProcessPubSub
from contexts.realtime.adapters.outbound.sqlalchemy.conversation_directory import (
    SqlAlchemyConversationDirectory,
)
from contexts.realtime.adapters.outbound.sqlalchemy.group_directory import SqlAlchemyGroupDirectory
from contexts.realtime.adapters.outbound.sqlalchemy.message_log import SqlAlchemyMessageLog
from contexts.realtime.application.delivery import Delivery
from contexts.realtime.application.presence_introductions import PresenceIntroductions
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from infra.db.database import Database
from kernel.copies import NotToldYetError
from kernel.ids import new_id
from kernel.integration_event import IntegrationEvent
from kernel.rfc3339 import rfc3339
from tests.clock import SteppedClock
from tests.realtime.messages import a_message

AT = datetime(2025, 12, 8, 10, 0, tzinfo=UTC)


class Heard:
    """The frames each user was pushed, as their sockets' listeners would hear them."""

    def __init__(self) -> None:
        self.frames: dict[UUID, list[Frame]] = {}

    async def listen(self, pubsub: InProcessPubSub, *user_ids: UUID) -> None:
        for user_id in user_ids:
            await pubsub.subscribe(user_id, self.frames.setdefault(user_id, []).append)

    def of(self, user_id: UUID, frame_type: FrameType) -> list[dict[str, Any]]:
        return [dict(frame.data) for frame in self.frames[user_id] if frame.type == frame_type]


@pytest.fixture
def pubsub() -> InProcessPubSub:
    return InProcessPubSub()


@pytest.fixture
def consumer(database: Database, pubsub: InProcessPubSub) -> EventDelivery:
    clock = SteppedClock()
    introduce = PresenceIntroductions(InMemoryPresenceStore(timedelta(seconds=30)), pubsub, clock, 100)
    delivery = Delivery(
        pubsub,
        SqlAlchemyConversationDirectory(database.sessions),
        SqlAlchemyMessageLog(database.sessions),
        SqlAlchemyGroupDirectory(database.sessions),
        introduce,
    )
    return EventDelivery(delivery)


@contextmanager
def directory_reads() -> Iterator[list[str]]:
    """The statements run within the block that read who takes part, on any engine (SQLite's
    readers have one of their own)."""
    reads: list[str] = []

    def count(_: Any, __: Any, statement: str, *___: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "realtime_participants" in statement:
            reads.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield reads
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def created(conversation_id: UUID, *participant_ids: UUID) -> IntegrationEvent:
    conversation = messaging.PublishedConversation(
        id=str(conversation_id),
        kind="group",
        title="Crew",
        participant_ids=sorted(map(str, participant_ids)),
        created_at=rfc3339(AT),
        closed=False,
    )
    return messaging.ConversationCreated(conversation=conversation).to_event(
        subject=str(conversation_id), time=AT
    )


def sent(conversation_id: UUID, seq: int) -> IntegrationEvent:
    message = cast(messaging.PublishedMessage, a_message(conversation_id, seq))
    return messaging.MessageSent(message=message, conversation_kind="group").to_event(
        subject=str(conversation_id), time=AT
    )


def read(conversation_id: UUID, user_id: UUID, seq: int) -> IntegrationEvent:
    marker = messaging.ConversationRead(conversation_id=str(conversation_id), user_id=str(user_id), seq=seq)
    return marker.to_event(subject=str(conversation_id), time=AT)


async def test_messages_and_read_markers_go_to_the_participants_the_directory_was_told_of(
    pubsub: InProcessPubSub, consumer: EventDelivery
) -> None:
    alice, bob, outsider = new_id(), new_id(), new_id()
    crowd = [new_id() for _ in range(998)]
    small, large = new_id(), new_id()
    heard = Heard()
    await heard.listen(pubsub, alice, bob, outsider, crowd[0])
    await consumer([created(small, alice, bob), created(large, alice, bob, *crowd)])

    with directory_reads() as reads:
        await consumer(
            [
                *(sent(conversation, seq) for seq in (1, 2) for conversation in (small, large)),
                read(large, bob, 2),
            ]
        )

    assert len(reads) == 1
    assert [m["seq"] for m in heard.of(alice, FrameType.MESSAGE_CREATED)] == [1, 1, 2, 2]
    assert [m["seq"] for m in heard.of(crowd[0], FrameType.MESSAGE_CREATED)] == [1, 2]
    assert heard.of(crowd[0], FrameType.CONVERSATION_READ) == [
        {"conversation_id": str(large), "user_id": str(bob), "seq": 2}
    ]
    assert heard.frames[outsider] == []


async def test_a_message_of_a_conversation_never_told_of_pushes_nothing_until_its_telling_comes(
    pubsub: InProcessPubSub, consumer: EventDelivery
) -> None:
    alice, bob, conversation = new_id(), new_id(), new_id()
    heard = Heard()
    await heard.listen(pubsub, alice, bob)
    waiting = [sent(conversation, 1), read(conversation, bob, 1)]

    with pytest.raises(NotToldYetError):
        await consumer(waiting)
    assert heard.frames == {alice: [], bob: []}

    await consumer([created(conversation, alice, bob), *waiting])
    assert [m["seq"] for m in heard.of(alice, FrameType.MESSAGE_CREATED)] == [1]
    assert [m["user_id"] for m in heard.of(alice, FrameType.CONVERSATION_READ)] == [str(bob)]
