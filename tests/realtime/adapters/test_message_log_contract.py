"""What every MessageLog does, on each database realtime runs on and in the application tests' fake."""

import pytest

from contexts.realtime.adapters.outbound.sqlalchemy.message_log import SqlAlchemyMessageLog
from contexts.realtime.ports.message_log import MessageLog
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE, FAKE
from tests.realtime.application.fakes import FakeMessageLog
from tests.realtime.messages import a_message, logged

pytestmark = ALSO_ON_THE_FAKE


@pytest.fixture
def log(database_kind: str, request: pytest.FixtureRequest) -> MessageLog:
    if database_kind == FAKE:
        return FakeMessageLog()
    return SqlAlchemyMessageLog(request.getfixturevalue("sessions"))


async def test_the_messages_after_a_seq_come_in_seq_order(log: MessageLog) -> None:
    conversation = new_id()
    messages = {seq: a_message(conversation, seq, body=f"message {seq} ✓") for seq in (3, 1, 2)}
    await log.record([logged(message) for message in messages.values()])

    assert await log.after(conversation, 0, 10) == [messages[1], messages[2], messages[3]]
    assert await log.after(conversation, 1, 10) == [messages[2], messages[3]]


async def test_after_pages_through_the_log_by_limit(log: MessageLog) -> None:
    conversation, other_conversation = new_id(), new_id()
    messages = [a_message(conversation, seq) for seq in range(1, 6)]
    await log.record([logged(message) for message in messages])
    await log.record([logged(a_message(other_conversation, 1))])

    pages, seen = [], 0
    while page := await log.after(conversation, seen, 2):
        pages.append(page)
        seen = page[-1]["seq"]

    assert pages == [messages[0:2], messages[2:4], messages[4:5]]


async def test_recording_a_seq_again_replaces_its_message(log: MessageLog) -> None:
    conversation = new_id()
    sent = a_message(conversation, 1, body="helo")
    edited = {**sent, "body": "hello", "edited_at": "2025-12-08T10:01:00Z"}
    deleted = {**edited, "body": "", "deleted": True}

    await log.record([logged(sent)])
    await log.record([logged(edited)])
    assert await log.after(conversation, 0, 10) == [edited]

    await log.record([logged(deleted)])
    assert await log.after(conversation, 0, 10) == [deleted]


async def test_of_a_batch_that_records_a_seq_twice_the_later_stays(log: MessageLog) -> None:
    conversation = new_id()
    sent = a_message(conversation, 1, body="helo")
    edited = {**sent, "body": "hello", "edited_at": "2025-12-08T10:01:00Z"}

    await log.record([logged(sent), logged(edited)])

    assert await log.after(conversation, 0, 10) == [edited]


async def test_an_older_telling_never_replaces_a_newer_one(log: MessageLog) -> None:
    conversation = new_id()
    sent = a_message(conversation, 1, body="helo")
    edited = {**sent, "body": "hello", "edited_at": "2025-12-08T10:01:00Z"}
    edited_again = {**sent, "body": "hello!", "edited_at": "2025-12-08T10:02:00Z"}
    deleted = {**edited_again, "body": "", "deleted": True}

    await log.record([logged(edited_again)])
    await log.record([logged(sent)])
    await log.record([logged(edited)])
    assert await log.after(conversation, 0, 10) == [edited_again]

    await log.record([logged(deleted)])
    for older in (sent, edited, edited_again):
        await log.record([logged(older)])
    assert await log.after(conversation, 0, 10) == [deleted]


async def test_of_a_batch_that_records_a_seq_twice_the_newer_stays_in_any_order(log: MessageLog) -> None:
    conversation = new_id()
    sent = a_message(conversation, 1, body="secret")
    deleted = {**sent, "body": "", "deleted": True}

    await log.record([logged(deleted), logged(sent)])

    assert await log.after(conversation, 0, 10) == [deleted]


async def test_a_redelivered_message_changes_nothing(log: MessageLog) -> None:
    conversation = new_id()
    first, second = a_message(conversation, 1), a_message(conversation, 2)
    for message in (first, second, first, second):
        await log.record([logged(message)])

    assert await log.after(conversation, 0, 10) == [first, second]


async def test_a_conversation_never_heard_of_has_no_messages(log: MessageLog) -> None:
    await log.record([logged(a_message(new_id(), 1))])

    assert await log.after(new_id(), 0, 10) == []


async def test_the_newest_seq_is_that_conversations_greatest_and_0_before_any(log: MessageLog) -> None:
    conversation, other_conversation = new_id(), new_id()
    await log.record([logged(a_message(conversation, seq)) for seq in (2, 7, 4)])
    await log.record([logged(a_message(other_conversation, 9))])

    assert await log.newest_seq(conversation) == 7
    assert await log.newest_seq(new_id()) == 0
