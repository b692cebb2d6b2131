from datetime import timedelta

import pytest

from contexts.messaging.domain.errors import (
    ConversationNotFoundError,
    MayNotDeleteError,
    MessageDeletedError,
    NotTheSenderError,
)
from contexts.messaging.domain.events import MessageDeleted, MessageEdited, MessageSent
from contexts.messaging.domain.message_body import MessageBody
from kernel.ids import new_id
from tests.messaging.builders import (
    MODERATOR,
    NOW,
    PARTICIPANT,
    a_direct_conversation,
    a_group_conversation,
    post,
)

LATER = NOW + timedelta(minutes=5)


def test_a_sent_message_records_what_was_sent() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)

    message = post(conversation, alice, "hello", client_id="c-1")

    assert (message.sender_id, message.client_message_id.value, message.body) == (
        alice,
        "c-1",
        MessageBody("hello"),
    )
    assert (message.created_at, message.edited_at, message.deleted) == (NOW, None, False)
    assert message.pull_events() == [MessageSent(message_id=message.id, occurred_at=NOW)]


def test_the_sender_edits_their_message() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)
    message = post(conversation, alice)
    message.pull_events()

    conversation.edit(message, alice, MessageBody("hello, world"), LATER)

    assert (message.body, message.edited_at) == (MessageBody("hello, world"), LATER)
    assert message.pull_events() == [MessageEdited(message_id=message.id, occurred_at=LATER)]


def test_editing_to_the_same_body_changes_nothing() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)
    message = post(conversation, alice)
    message.pull_events()

    conversation.edit(message, alice, MessageBody("hello"), LATER)

    assert (message.edited_at, message.pull_events()) == (None, [])


def test_nobody_but_the_sender_edits_a_message_not_even_a_moderator() -> None:
    owner, member = new_id(), new_id()
    conversation = a_group_conversation({owner: MODERATOR, member: PARTICIPANT})
    message = post(conversation, member)

    with pytest.raises(NotTheSenderError):
        conversation.edit(message, owner, MessageBody("rewritten"), LATER)
    with pytest.raises(ConversationNotFoundError):
        conversation.edit(message, new_id(), MessageBody("rewritten"), LATER)

    assert message.body == MessageBody("hello")


def test_a_deleted_message_becomes_a_tombstone_that_keeps_its_place() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)
    message = post(conversation, alice)
    message.pull_events()

    conversation.delete(message, alice, LATER)

    assert (message.deleted, message.body, message.seq) == (True, None, 1)
    assert message.pull_events() == [MessageDeleted(message_id=message.id, occurred_at=LATER)]


def test_deleting_a_tombstone_again_changes_nothing_and_editing_it_is_refused() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)
    message = post(conversation, alice)
    conversation.delete(message, alice, LATER)
    message.pull_events()

    conversation.delete(message, alice, LATER)
    with pytest.raises(MessageDeletedError):
        conversation.edit(message, alice, MessageBody("back"), LATER)

    assert (message.body, message.pull_events()) == (None, [])


def test_moderators_delete_anyones_message_participants_only_their_own() -> None:
    owner, admin, member, other = new_id(), new_id(), new_id(), new_id()
    conversation = a_group_conversation(
        {owner: MODERATOR, admin: MODERATOR, member: PARTICIPANT, other: PARTICIPANT}
    )
    by_owner, by_member = post(conversation, owner, "rules"), post(conversation, member, "spam")

    with pytest.raises(MayNotDeleteError):
        conversation.delete(by_member, other, LATER)
    conversation.delete(by_owner, admin, LATER)
    conversation.delete(by_member, owner, LATER)

    assert (by_owner.deleted, by_member.deleted) == (True, True)


def test_in_a_direct_conversation_nobody_deletes_the_other_ones_messages() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_direct_conversation(alice, bob)
    message = post(conversation, alice)

    with pytest.raises(MayNotDeleteError):
        conversation.delete(message, bob, LATER)

    assert not message.deleted
