from datetime import timedelta

import pytest

from contexts.messaging.domain.emoji import Emoji
from contexts.messaging.domain.errors import (
    ConversationClosedError,
    ConversationNotFoundError,
    MessageDeletedError,
    TooManyReactionsError,
)
from contexts.messaging.domain.events import MessageReactionsChanged
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.reactions import DISTINCT_EMOJI_MAX
from kernel.ids import new_id
from tests.messaging.builders import NOW, PARTICIPANT, a_group, a_group_conversation, post

LATER = NOW + timedelta(minutes=5)
THUMBS_UP, HEART = Emoji("👍"), Emoji("❤️")
EMOJI = [Emoji(chr(code)) for code in range(0x1F600, 0x1F600 + DISTINCT_EMOJI_MAX + 1)]


def counts(message: Message) -> list[tuple[str, int]]:
    return [(reaction.emoji.value, len(reaction.user_ids)) for reaction in message.reactions.items]


def test_participants_react_and_each_emoji_counts_who_used_it_in_order_of_first_use() -> None:
    alice, bob, carol = new_id(), new_id(), new_id()
    conversation = a_group_conversation(dict.fromkeys([alice, bob, carol], PARTICIPANT))
    message = post(conversation, alice)
    message.pull_events()

    conversation.react(message, bob, HEART, LATER)
    conversation.react(message, alice, THUMBS_UP, LATER)
    conversation.react(message, carol, HEART, LATER)

    assert counts(message) == [("❤️", 2), ("👍", 1)]
    assert message.reactions.items[0].user_ids == {bob, carol}
    assert message.reactions_revision == 3
    assert message.pull_events() == [
        MessageReactionsChanged(message_id=message.id, user_id=bob, emoji="❤️", added=True, occurred_at=LATER),
        MessageReactionsChanged(
            message_id=message.id, user_id=alice, emoji="👍", added=True, occurred_at=LATER
        ),
        MessageReactionsChanged(
            message_id=message.id, user_id=carol, emoji="❤️", added=True, occurred_at=LATER
        ),
    ]


def test_reacting_again_and_taking_back_twice_change_and_announce_nothing() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_group_conversation(dict.fromkeys([alice, bob], PARTICIPANT))
    message = post(conversation, alice)
    conversation.react(message, bob, HEART, NOW)
    message.pull_events()

    conversation.react(message, bob, HEART, LATER)
    conversation.take_back(message, alice, HEART, LATER)
    conversation.take_back(message, bob, THUMBS_UP, LATER)

    assert counts(message) == [("❤️", 1)]
    assert message.reactions_revision == 1
    assert message.pull_events() == []


def test_an_emoji_whose_last_reaction_is_taken_back_leaves_and_comes_back_last() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_group_conversation(dict.fromkeys([alice, bob], PARTICIPANT))
    message = post(conversation, alice)
    conversation.react(message, alice, THUMBS_UP, NOW)
    conversation.react(message, bob, HEART, NOW)
    conversation.react(message, bob, THUMBS_UP, NOW)
    message.pull_events()

    conversation.take_back(message, alice, THUMBS_UP, LATER)
    assert counts(message) == [("👍", 1), ("❤️", 1)]  # still bob's: the emoji keeps its place
    conversation.take_back(message, bob, THUMBS_UP, LATER)
    assert counts(message) == [("❤️", 1)]
    conversation.react(message, alice, THUMBS_UP, LATER)

    assert counts(message) == [("❤️", 1), ("👍", 1)]
    assert [event.added for event in message.pull_events() if isinstance(event, MessageReactionsChanged)] == [
        False,
        False,
        True,
    ]


def test_a_message_takes_at_most_the_limit_of_distinct_emoji_but_more_people_on_them() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_group_conversation(dict.fromkeys([alice, bob], PARTICIPANT))
    message = post(conversation, alice)
    for emoji in EMOJI[:DISTINCT_EMOJI_MAX]:
        conversation.react(message, alice, emoji, NOW)

    with pytest.raises(TooManyReactionsError):
        conversation.react(message, bob, EMOJI[DISTINCT_EMOJI_MAX], LATER)
    conversation.react(message, bob, EMOJI[0], LATER)

    assert len(message.reactions.items) == DISTINCT_EMOJI_MAX
    assert counts(message)[0] == (EMOJI[0].value, 2)


def test_a_deleted_message_loses_its_reactions_and_takes_no_more() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_group_conversation(dict.fromkeys([alice, bob], PARTICIPANT))
    message = post(conversation, alice)
    conversation.react(message, bob, HEART, NOW)
    conversation.delete(message, alice, NOW)
    message.pull_events()

    with pytest.raises(MessageDeletedError):
        conversation.react(message, bob, THUMBS_UP, LATER)
    conversation.take_back(message, bob, HEART, LATER)  # gone with the message: nothing to take back

    assert message.reactions.items == ()
    assert message.pull_events() == []


def test_only_participants_react_and_not_in_a_closed_conversation() -> None:
    alice = new_id()
    conversation = a_group_conversation({alice: PARTICIPANT})
    message = post(conversation, alice)

    with pytest.raises(ConversationNotFoundError):
        conversation.react(message, new_id(), HEART, NOW)
    conversation.follow(a_group({alice: PARTICIPANT}, version=2, deleted=True, group_id=conversation.id), NOW)
    with pytest.raises(ConversationClosedError):
        conversation.react(message, alice, HEART, NOW)
    with pytest.raises(ConversationClosedError):
        conversation.take_back(message, alice, HEART, NOW)
