from datetime import timedelta

import pytest

from contexts.messaging.domain.errors import (
    ConversationClosedError,
    ConversationNotFoundError,
    MayNotPinError,
    MessageDeletedError,
    TooManyPinsError,
)
from contexts.messaging.domain.events import MessageDeleted, MessagePinned, MessageUnpinned
from contexts.messaging.domain.pin import PINS_PER_CONVERSATION, Pin
from kernel.ids import new_id
from tests.messaging.builders import (
    MODERATOR,
    NOW,
    PARTICIPANT,
    a_direct_conversation,
    a_group,
    a_group_conversation,
    post,
)

LATER = NOW + timedelta(minutes=5)


def test_either_participant_of_a_direct_conversation_pins_once() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_direct_conversation(alice, bob)
    message = post(conversation, alice)
    message.pull_events()

    conversation.pin(message, bob, pins=0, now=LATER)
    conversation.pin(message, alice, pins=1, now=LATER + timedelta(minutes=1))

    assert message.pin == Pin(bob, LATER)
    assert message.pull_events() == [MessagePinned(message_id=message.id, occurred_at=LATER)]


def test_unpinning_takes_the_pin_off_once() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_direct_conversation(alice, bob)
    message = post(conversation, alice)
    conversation.pin(message, alice, pins=0, now=NOW)
    message.pull_events()

    conversation.unpin(message, bob, LATER)
    conversation.unpin(message, bob, LATER)

    assert message.pin is None
    assert message.pull_events() == [MessageUnpinned(message_id=message.id, occurred_at=LATER)]


def test_in_a_group_only_moderators_pin_and_unpin() -> None:
    owner, member = new_id(), new_id()
    conversation = a_group_conversation({owner: MODERATOR, member: PARTICIPANT})
    message = post(conversation, member)

    with pytest.raises(MayNotPinError):
        conversation.pin(message, member, pins=0, now=NOW)
    conversation.pin(message, owner, pins=0, now=NOW)
    with pytest.raises(MayNotPinError):
        conversation.unpin(message, member, NOW)

    assert message.pin == Pin(owner, NOW)


def test_outsiders_cannot_pin_and_a_closed_conversation_takes_no_pins() -> None:
    owner = new_id()
    conversation = a_group_conversation({owner: MODERATOR})
    message = post(conversation, owner)
    with pytest.raises(ConversationNotFoundError):
        conversation.pin(message, new_id(), pins=0, now=NOW)

    conversation.follow(a_group({owner: MODERATOR}, version=2, deleted=True, group_id=conversation.id), NOW)

    with pytest.raises(ConversationClosedError):
        conversation.pin(message, owner, pins=0, now=NOW)


def test_the_pin_beyond_the_limit_is_refused_but_a_pinned_message_may_be_pinned_again() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)
    pinned, other = post(conversation, alice, "pinned"), post(conversation, alice, "other")
    conversation.pin(pinned, alice, pins=PINS_PER_CONVERSATION - 1, now=NOW)

    with pytest.raises(TooManyPinsError):
        conversation.pin(other, alice, pins=PINS_PER_CONVERSATION, now=NOW)
    conversation.pin(pinned, alice, pins=PINS_PER_CONVERSATION, now=LATER)

    assert (pinned.pin, other.pin) == (Pin(alice, NOW), None)


def test_a_deleted_message_cannot_be_pinned_and_deleting_a_pinned_one_unpins_it() -> None:
    alice = new_id()
    conversation = a_direct_conversation(alice)
    deleted, pinned = post(conversation, alice, "deleted"), post(conversation, alice, "pinned")
    conversation.delete(deleted, alice, NOW)
    conversation.pin(pinned, alice, pins=0, now=NOW)
    pinned.pull_events()

    with pytest.raises(MessageDeletedError):
        conversation.pin(deleted, alice, pins=1, now=LATER)
    conversation.delete(pinned, alice, LATER)

    assert pinned.pin is None
    assert pinned.pull_events() == [
        MessageDeleted(message_id=pinned.id, occurred_at=LATER),
        MessageUnpinned(message_id=pinned.id, occurred_at=LATER),
    ]
