from datetime import timedelta

import pytest

from contexts.messaging.domain.conversation import Conversation, direct_conversation_id
from contexts.messaging.domain.conversation_kind import ConversationKind
from contexts.messaging.domain.errors import ConversationClosedError, ConversationNotFoundError
from contexts.messaging.domain.events import ConversationChanged, ConversationCreated, ConversationRead
from contexts.messaging.domain.read_marker import ReadMarker
from kernel.errors import InvalidValueError
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


def test_a_direct_conversation_has_the_same_id_whoever_opens_it() -> None:
    alice, bob = new_id(), new_id()

    opened_by_alice = Conversation.open_direct(alice, other_id=bob, now=NOW)
    opened_by_bob = Conversation.open_direct(bob, other_id=alice, now=NOW)

    assert opened_by_alice.id == opened_by_bob.id == direct_conversation_id(alice, bob)
    assert direct_conversation_id(alice, new_id()) != opened_by_alice.id


def test_a_direct_conversation_is_between_two_participants_without_title() -> None:
    alice, bob = new_id(), new_id()

    conversation = Conversation.open_direct(alice, other_id=bob, now=NOW)

    assert conversation.kind is ConversationKind.DIRECT
    assert conversation.title is None
    assert conversation.participants == {alice: PARTICIPANT, bob: PARTICIPANT}
    assert (conversation.last_seq, conversation.closed) == (0, False)
    assert conversation.pull_events() == [
        ConversationCreated(conversation_id=conversation.id, occurred_at=NOW)
    ]


def test_nobody_opens_a_direct_conversation_with_themselves() -> None:
    alice = new_id()

    with pytest.raises(InvalidValueError) as refused:
        Conversation.open_direct(alice, other_id=alice, now=NOW)

    assert refused.value.field == "user_id"


def test_messages_are_numbered_from_1_without_gaps() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_direct_conversation(alice, bob)

    messages = [post(conversation, sender, f"m{n}") for n, sender in enumerate([alice, bob, alice, alice])]

    assert [message.seq for message in messages] == [1, 2, 3, 4]
    assert conversation.last_seq == 4
    assert {message.conversation_id for message in messages} == {conversation.id}


def test_outsiders_cannot_post_and_do_not_learn_the_conversation_exists() -> None:
    conversation = a_direct_conversation()

    with pytest.raises(ConversationNotFoundError):
        post(conversation, new_id())

    assert conversation.last_seq == 0


def test_a_group_conversation_mirrors_its_group() -> None:
    owner, member = new_id(), new_id()
    group = a_group({owner: MODERATOR, member: PARTICIPANT}, version=3)

    conversation = Conversation.of_group(group, NOW)

    assert (conversation.id, conversation.kind, conversation.title) == (
        group.group_id,
        ConversationKind.GROUP,
        "Crew",
    )
    assert conversation.participants == {owner: MODERATOR, member: PARTICIPANT}
    assert (conversation.group_version, conversation.created_at) == (3, group.created_at)


def test_following_a_newer_group_changes_the_conversation_and_says_who_joined_and_left() -> None:
    owner, leaving, joining = new_id(), new_id(), new_id()
    conversation = a_group_conversation({owner: MODERATOR, leaving: PARTICIPANT})
    conversation.pull_events()
    later = NOW + timedelta(minutes=1)

    conversation.follow(
        a_group({owner: MODERATOR, joining: PARTICIPANT}, version=2, name="Crew 2", group_id=conversation.id),
        later,
    )

    assert conversation.title == "Crew 2"
    assert conversation.participant_ids == {owner, joining}
    assert conversation.group_version == 2
    assert conversation.pull_events() == [
        ConversationChanged(
            conversation_id=conversation.id,
            joined=frozenset({joining}),
            left=frozenset({leaving}),
            occurred_at=later,
        )
    ]


def test_old_news_of_the_group_changes_nothing() -> None:
    owner, member = new_id(), new_id()
    conversation = Conversation.of_group(a_group({owner: MODERATOR}, version=5), NOW)
    conversation.pull_events()

    for version in (1, 4, 5):
        conversation.follow(
            a_group({owner: MODERATOR, member: PARTICIPANT}, version=version, group_id=conversation.id), NOW
        )

    assert conversation.participant_ids == {owner}
    assert conversation.group_version == 5
    assert conversation.pull_events() == []


def test_a_role_change_alone_is_not_announced() -> None:
    owner, member = new_id(), new_id()
    conversation = a_group_conversation({owner: MODERATOR, member: PARTICIPANT})
    conversation.pull_events()

    conversation.follow(
        a_group({owner: MODERATOR, member: MODERATOR}, version=2, group_id=conversation.id), NOW
    )

    assert conversation.participants[member] is MODERATOR
    assert conversation.pull_events() == []


def test_a_deleted_group_closes_its_conversation_for_writing_but_not_for_reading() -> None:
    owner, member = new_id(), new_id()
    conversation = a_group_conversation({owner: MODERATOR, member: PARTICIPANT})
    message = post(conversation, member)

    conversation.follow(
        a_group({owner: MODERATOR, member: PARTICIPANT}, version=2, deleted=True, group_id=conversation.id),
        NOW,
    )

    assert conversation.closed
    with pytest.raises(ConversationClosedError):
        post(conversation, owner)
    with pytest.raises(ConversationClosedError):
        conversation.delete(message, owner, NOW)
    assert conversation.mark_read(ReadMarker(conversation.id, member), 1, NOW).seq == 1


def test_a_read_marker_moves_forward_only() -> None:
    alice, bob = new_id(), new_id()
    conversation = a_direct_conversation(alice, bob)
    for n in range(5):
        post(conversation, bob, f"m{n}")
    conversation.pull_events()

    marker = conversation.mark_read(ReadMarker(conversation.id, alice), 3, NOW)
    same = conversation.mark_read(marker, 2, NOW)
    again = conversation.mark_read(same, 3, NOW)

    assert (marker.seq, same, again) == (3, marker, marker)
    assert conversation.pull_events() == [
        ConversationRead(conversation_id=conversation.id, user_id=alice, seq=3, occurred_at=NOW)
    ]


@pytest.mark.parametrize("seq", [-1, 3])
def test_a_read_marker_cannot_pass_the_latest_message_nor_go_below_zero(seq: int) -> None:
    alice, bob = new_id(), new_id()
    conversation = a_direct_conversation(alice, bob)
    post(conversation, bob, "one")
    post(conversation, bob, "two")

    with pytest.raises(InvalidValueError) as refused:
        conversation.mark_read(ReadMarker(conversation.id, alice), seq, NOW)

    assert refused.value.field == "seq"


def test_only_participants_have_read_markers() -> None:
    conversation = a_direct_conversation()

    with pytest.raises(ConversationNotFoundError):
        conversation.mark_read(ReadMarker(conversation.id, new_id()), 0, NOW)
