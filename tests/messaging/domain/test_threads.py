"""Replies: numbered in their conversation's sequence, attached to one root, counted by it."""

from datetime import timedelta
from uuid import UUID

import pytest

from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.domain.errors import NoMessageToReplyToError, ReplyToDeletedError
from contexts.messaging.domain.events import MessageDeleted, ThreadUpdated
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.domain.thread_summary import RECENT_REPLIERS, ThreadSummary
from kernel.ids import new_id
from tests.messaging.builders import NOW, a_direct_conversation, post

LATER = NOW + timedelta(minutes=5)


def reply(
    conversation: Conversation, sender_id: UUID, to: Message, root: Message, text: str = "indeed"
) -> Message:
    return conversation.reply(
        sender_id, ClientMessageId(text + str(new_id())), MessageBody(text), LATER, to=to, root=root
    )


def test_a_reply_takes_the_next_seq_and_names_its_root() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_direct_conversation(alice, bob)
    root = post(conversation, alice, "question")
    root.pull_events()

    answer = reply(conversation, bob, root, root)

    assert (answer.seq, answer.reply_to, answer.thread_root_id) == (2, root.id, root.id)
    assert root.thread == ThreadSummary(
        reply_count=1, last_reply_at=LATER, recent_replier_ids=(bob,), version=1
    )
    assert root.pull_events() == [ThreadUpdated(message_id=root.id, occurred_at=LATER)]


def test_a_reply_to_a_reply_joins_the_same_root() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_direct_conversation(alice, bob)
    root = post(conversation, alice, "question")
    first = reply(conversation, bob, root, root)

    second = reply(conversation, alice, first, root)

    assert (second.seq, second.reply_to, second.thread_root_id) == (3, first.id, root.id)
    assert (root.thread.reply_count, root.thread.recent_replier_ids) == (2, (alice, bob))


def test_the_root_must_be_the_root_of_the_message_replied_to() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_direct_conversation(alice, bob)
    root = post(conversation, alice, "question")
    first = reply(conversation, bob, root, root)

    with pytest.raises(ValueError, match="root is not the root"):
        reply(conversation, alice, first, first)


def test_recent_repliers_are_distinct_most_recent_first_and_few() -> None:
    summary = ThreadSummary()
    people = [new_id() for _ in range(RECENT_REPLIERS + 1)]
    for person in [*people, people[1]]:
        summary = summary.with_reply(person, NOW)

    assert summary.recent_replier_ids == (people[1], people[3], people[2])
    assert (summary.reply_count, summary.version) == (RECENT_REPLIERS + 2, RECENT_REPLIERS + 2)


def test_replying_to_a_deleted_message_is_refused() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_direct_conversation(alice, bob)
    root = post(conversation, alice, "question")
    root.delete(alice, moderator=False, now=NOW)

    with pytest.raises(ReplyToDeletedError):
        reply(conversation, bob, root, root)
    assert conversation.last_seq == 1


def test_replying_to_a_message_of_another_conversation_is_refused() -> None:
    alice, bob = new_id(), new_id()
    elsewhere = post(a_direct_conversation(alice), alice, "elsewhere")

    with pytest.raises(NoMessageToReplyToError):
        reply(a_direct_conversation(alice, bob), bob, elsewhere, elsewhere)


def test_deleting_a_reply_uncounts_it_once() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_direct_conversation(alice, bob)
    root = post(conversation, alice, "question")
    answer = reply(conversation, bob, root, root)
    root.pull_events()
    answer.pull_events()

    conversation.delete(answer, bob, LATER, root=root)
    conversation.delete(answer, bob, LATER, root=root)

    assert (root.thread.reply_count, root.thread.recent_replier_ids, root.thread.version) == (0, (bob,), 2)
    assert root.pull_events() == [ThreadUpdated(message_id=root.id, occurred_at=LATER)]
    assert answer.pull_events() == [MessageDeleted(message_id=answer.id, occurred_at=LATER)]


def test_deleting_a_reply_needs_its_root() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_direct_conversation(alice, bob)
    root = post(conversation, alice, "question")
    answer = reply(conversation, bob, root, root)

    with pytest.raises(ValueError, match="root is not the root"):
        conversation.delete(answer, bob, LATER)
