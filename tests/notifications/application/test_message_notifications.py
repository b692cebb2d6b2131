"""Messages notify through messaging's events: sent, edited, deleted, and told again."""

import dataclasses
from uuid import UUID

from contexts.notifications.contracts.events import NotificationCreated
from contexts.notifications.domain.notification_kind import NotificationKind
from kernel.ids import new_id
from kernel.rfc3339 import rfc3339
from tests.notifications.application.conftest import Notifications

MENTION, DIRECT_MESSAGE = NotificationKind.MENTION, NotificationKind.DIRECT_MESSAGE


def kinds(notifications: Notifications, recipient_id: UUID) -> list[NotificationKind]:
    return [notification.kind for notification in notifications.database.of(recipient_id)]


async def test_a_mention_is_stored_counted_and_announced_to_its_recipient(
    notifications: Notifications,
) -> None:
    alice, bob, carol = await notifications.users("alice", "bob", "carol")
    group = await notifications.conversation(alice, bob, carol)
    sent = group.sent(alice, "@Bob, look at this")

    await notifications.told(sent)

    [notification] = notifications.database.notifications.values()
    assert (notification.recipient_id, notification.kind, notification.actor_id) == (bob, MENTION, alice)
    assert (notification.conversation_id, str(notification.message_id)) == (
        group.id,
        sent.data["message"]["id"],
    )
    assert notification.preview == "@Bob, look at this"
    assert notifications.database.unread_counts == {bob: 1}
    [announced] = notifications.database.published(NotificationCreated)
    assert announced.recipient_id == str(bob)
    assert announced.notification == {
        "id": str(notification.id),
        "kind": "mention",
        "conversation_id": str(group.id),
        "message_id": sent.data["message"]["id"],
        "actor_id": str(alice),
        "preview": "@Bob, look at this",
        "created_at": rfc3339(group.time),
        "read_at": None,
    }
    [event] = notifications.database.outbox
    assert event.subject == str(bob)


async def test_a_direct_message_notifies_the_other_participant_once_even_when_it_mentions_them(
    notifications: Notifications,
) -> None:
    alice, bob = await notifications.users("alice", "bob")
    direct = await notifications.conversation(alice, bob)

    await notifications.told(direct.sent(alice, "hi"), direct.sent(alice, "hi @bob"))

    assert sorted(kinds(notifications, bob)) == [DIRECT_MESSAGE, MENTION]
    assert kinds(notifications, alice) == []
    assert notifications.database.unread_counts == {bob: 2}


async def test_a_redelivered_or_repeated_event_creates_nothing_twice(notifications: Notifications) -> None:
    alice, bob = await notifications.users("alice", "bob")
    direct = await notifications.conversation(alice, bob)
    sent = direct.sent(alice, "@bob hello")
    told_again = dataclasses.replace(sent, id=new_id())  # the same news as a new event: a replay

    await notifications.told(sent, sent, told_again)

    assert kinds(notifications, bob) == [MENTION]
    assert notifications.database.unread_counts == {bob: 1}
    assert len(notifications.database.published(NotificationCreated)) == 1


async def test_an_edit_that_adds_a_mention_notifies_once(notifications: Notifications) -> None:
    alice, bob, carol = await notifications.users("alice", "bob", "carol")
    group = await notifications.conversation(alice, bob, carol)
    sent = group.sent(alice, "see you at 5")

    await notifications.told(sent)
    assert notifications.database.notifications == {}

    await notifications.told(
        group.edited(sent, "see you at 5 @bob"), group.edited(sent, "see you at 6 @bob!")
    )

    assert kinds(notifications, bob) == [MENTION]
    [notification] = notifications.database.of(bob)
    assert notification.preview == "see you at 5 @bob"
    assert notifications.database.unread_counts == {bob: 1}
    assert len(notifications.database.published(NotificationCreated)) == 1


async def test_an_edit_mentioning_whom_the_message_already_notified_adds_nothing(
    notifications: Notifications,
) -> None:
    alice, bob = await notifications.users("alice", "bob")
    direct = await notifications.conversation(alice, bob)
    sent = direct.sent(alice, "hi")

    await notifications.told(sent, direct.edited(sent, "hi @bob"))

    assert kinds(notifications, bob) == [DIRECT_MESSAGE]
    assert notifications.database.unread_counts == {bob: 1}


async def test_a_deleted_message_withdraws_its_unread_notifications_and_keeps_the_read_ones(
    notifications: Notifications,
) -> None:
    alice, bob, carol, dave = await notifications.users("alice", "bob", "carol", "dave")
    group = await notifications.conversation(alice, bob, carol, dave)
    sent = group.sent(alice, "@bob @carol @dave party!")
    other = group.sent(alice, "@carol and another")
    await notifications.told(sent, other)
    [bobs] = notifications.database.of(bob)
    await notifications.mark_read(bob, bobs.id)

    await notifications.told(group.deleted(sent), group.deleted(sent))

    assert notifications.database.of(bob) == [notifications.database.notifications[bobs.id]]
    assert [n.message_id for n in notifications.database.of(carol)] == [UUID(other.data["message"]["id"])]
    assert notifications.database.of(dave) == []
    assert notifications.database.unread_counts == {bob: 0, carol: 1, dave: 0}


async def test_a_message_sent_and_deleted_in_one_batch_leaves_no_notification(
    notifications: Notifications,
) -> None:
    alice, bob = await notifications.users("alice", "bob")
    group = await notifications.conversation(alice, bob, new_id())
    sent = group.sent(alice, "@bob quick, before I delete this")

    await notifications.told(sent, group.deleted(sent))

    assert notifications.database.of(bob) == []
    assert notifications.database.unread_counts == {bob: 0}


async def test_a_message_sent_or_edited_after_its_deletion_was_told_notifies_nobody(
    notifications: Notifications,
) -> None:
    alice, bob = await notifications.users("alice", "bob")
    direct = await notifications.conversation(alice, bob)
    sent = direct.sent(alice, "@bob secret")
    edited = direct.edited(sent, "@bob secret, edited")
    deleted = direct.deleted(sent)

    await notifications.told(deleted)
    await notifications.told(sent, edited)

    assert notifications.database.of(bob) == []
    assert notifications.database.unread_counts.get(bob, 0) == 0
    assert notifications.database.published(NotificationCreated) == []


async def test_an_edit_told_after_a_later_one_notifies_no_one_the_later_one_does_not_mention(
    notifications: Notifications,
) -> None:
    alice, bob, carol = await notifications.users("alice", "bob", "carol")
    group = await notifications.conversation(alice, bob, carol)
    sent = group.sent(alice, "hello")
    first_edit = group.edited(sent, "hello @bob")
    second_edit = group.edited(sent, "hello @carol")

    await notifications.told(sent, second_edit, first_edit)

    assert kinds(notifications, bob) == []
    assert kinds(notifications, carol) == [MENTION]


async def test_a_muted_direct_conversation_notifies_only_of_mentions(notifications: Notifications) -> None:
    alice, bob = await notifications.users("alice", "bob")
    direct = await notifications.conversation(alice, bob)
    await notifications.set_preference(bob, direct.id, muted=True)

    await notifications.told(direct.sent(alice, "hi"), direct.sent(alice, "@bob wake up"))
    await notifications.set_preference(bob, direct.id, muted=False)
    await notifications.told(direct.sent(alice, "hello again"))

    assert kinds(notifications, bob) == [MENTION, DIRECT_MESSAGE]


async def test_muting_one_conversation_leaves_the_others_alone(notifications: Notifications) -> None:
    alice, bob, carol = await notifications.users("alice", "bob", "carol")
    with_alice, with_carol = (
        await notifications.conversation(alice, bob),
        await notifications.conversation(carol, bob),
    )
    await notifications.set_preference(bob, with_alice.id, muted=True)

    await notifications.told(with_alice.sent(alice, "hi"), with_carol.sent(carol, "hi"))

    assert [n.actor_id for n in notifications.database.of(bob)] == [carol]


async def test_a_mention_of_someone_outside_the_conversation_or_unknown_notifies_nobody(
    notifications: Notifications,
) -> None:
    alice, bob, carol, eve = await notifications.users("alice", "bob", "carol", "eve")
    group = await notifications.conversation(alice, bob, carol)

    await notifications.told(group.sent(alice, "@eve @nobody @alice"))

    assert notifications.database.notifications == {}
    assert notifications.database.outbox == []
    assert eve not in notifications.database.unread_counts
