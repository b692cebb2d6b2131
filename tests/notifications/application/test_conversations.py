"""Whom a message may notify: who takes part in its conversation, as messaging told notifications
when the conversation began or changed, and as it was when the message was sent or edited."""

import dataclasses

import pytest

from contexts.notifications.domain.notification_kind import NotificationKind
from infra.failures import is_transient
from kernel.copies import NotToldYetError
from kernel.ids import new_id
from tests.notifications.application.conftest import Notifications
from tests.notifications.stories import ConversationStory


async def test_a_message_notifies_among_those_who_take_part_when_it_is_sent_even_within_one_batch(
    notifications: Notifications,
) -> None:
    alice, bob, carol, dave = await notifications.users("alice", "bob", "carol", "dave")
    group = ConversationStory(alice, bob, carol)
    before = group.sent(alice, "@carol @dave before")

    await notifications.told(
        group.created(),
        before,
        group.changed(alice, bob, dave),  # Carol leaves, Dave joins
        group.sent(alice, "@carol @dave after"),
        group.edited(before, "@carol @dave before, edited"),
    )

    assert [n.preview for n in notifications.database.of(carol)] == ["@carol @dave before"]
    assert sorted(n.preview for n in notifications.database.of(dave)) == [
        "@carol @dave after",
        "@carol @dave before, edited",
    ]
    assert notifications.database.conversations[group.id].participant_ids == {alice, bob, dave}


async def test_an_older_telling_of_a_conversation_never_undoes_a_newer_one(
    notifications: Notifications,
) -> None:
    alice, bob, carol = await notifications.users("alice", "bob", "carol")
    group = ConversationStory(alice, bob, carol)
    created = group.created()
    await notifications.told(created, group.changed(alice, bob))

    await notifications.told(dataclasses.replace(created, id=new_id()))  # replayed, late
    await notifications.told(group.sent(alice, "@carol are you there?"))

    assert notifications.database.of(carol) == []
    assert notifications.database.conversations[group.id].participant_ids == {alice, bob}


async def test_a_batch_asks_who_takes_part_once_whatever_it_holds(notifications: Notifications) -> None:
    alice, bob, carol = await notifications.users("alice", "bob", "carol")
    groups = [await notifications.conversation(alice, bob, carol) for _ in range(5)]
    newcomer = ConversationStory(alice, bob)
    read_before = notifications.database.participants_read

    await notifications.told(
        newcomer.created(),
        *(group.sent(alice, f"@bob number {n}") for n in range(10) for group in groups),
        newcomer.sent(alice, "hi"),
    )

    assert notifications.database.participants_read == read_before + 1
    assert len(notifications.database.of(bob)) == 51


async def test_a_message_of_a_conversation_never_told_of_waits_for_its_telling_and_notifies_then(
    notifications: Notifications,
) -> None:
    alice, bob = await notifications.users("alice", "bob")
    direct = ConversationStory(alice, bob)
    sent = direct.sent(alice, "hello")

    with pytest.raises(NotToldYetError) as raised:
        await notifications.told(sent)

    assert is_transient(raised.value)  # its consumer group holds still, neither skipping nor setting it aside
    assert (notifications.database.notifications, notifications.database.message_revisions) == ({}, {})
    await notifications.told(direct.created(), sent)  # the telling, replayed ahead of it
    assert [n.kind for n in notifications.database.of(bob)] == [NotificationKind.DIRECT_MESSAGE]


async def test_a_deletion_needs_no_telling_of_its_conversation(notifications: Notifications) -> None:
    alice, bob = await notifications.users("alice", "bob")
    direct = ConversationStory(alice, bob)
    sent = direct.sent(alice, "@bob oops")

    await notifications.told(direct.deleted(sent))
    await notifications.told(direct.created(), sent)

    assert notifications.database.of(bob) == []
