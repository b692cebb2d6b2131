"""A reply notifies its thread's followers: who sent its root or replied in it, but the replier."""

from uuid import UUID

from contexts.notifications.domain.notification_kind import NotificationKind
from tests.notifications.application.conftest import Notifications

REPLY, MENTION = NotificationKind.REPLY, NotificationKind.MENTION


def kinds(notifications: Notifications, recipient_id: UUID) -> list[NotificationKind]:
    return [notification.kind for notification in notifications.database.of(recipient_id)]


async def test_a_reply_notifies_the_roots_sender_and_earlier_repliers_not_the_replier(
    notifications: Notifications,
) -> None:
    alice, bob, carol, dave = await notifications.users("alice", "bob", "carol", "dave")
    group = await notifications.conversation(alice, bob, carol, dave)
    root = group.sent(alice, "lunch?")
    first = group.replied(bob, root, "yes")
    second = group.replied(carol, first, "me too")
    third = group.replied(alice, root, "noon then")

    await notifications.told(root, first, second, third)

    assert [str(n.message_id) for n in notifications.database.of(alice)] == [
        first.data["message"]["id"],
        second.data["message"]["id"],
    ]
    assert [str(n.message_id) for n in notifications.database.of(bob)] == [
        second.data["message"]["id"],
        third.data["message"]["id"],
    ]
    assert kinds(notifications, carol) == [REPLY]
    assert kinds(notifications, dave) == []


async def test_a_muted_follower_hears_only_a_mention(notifications: Notifications) -> None:
    alice, bob = await notifications.users("alice", "bob")
    group = await notifications.conversation(alice, bob, kind="group")
    root = group.sent(alice, "lunch?")
    await notifications.set_preference(alice, group.id, muted=True)

    await notifications.told(root, group.replied(bob, root, "yes"), group.replied(bob, root, "@alice?"))

    assert kinds(notifications, alice) == [MENTION]


async def test_a_reply_told_again_notifies_once(notifications: Notifications) -> None:
    alice, bob = await notifications.users("alice", "bob")
    direct = await notifications.conversation(alice, bob)
    root = direct.sent(alice, "lunch?")
    reply = direct.replied(bob, root, "yes")

    await notifications.told(root, reply)
    await notifications.told(reply)
    await notifications.message_events([reply])

    assert kinds(notifications, alice) == [REPLY]
    assert notifications.database.unread_counts == {bob: 1, alice: 1}
