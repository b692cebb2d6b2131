"""Mentions resolve through the usernames identity told of, as they are now."""

from contexts.notifications.domain.notification_kind import NotificationKind
from kernel.ids import new_id
from tests.notifications.application.conftest import Notifications
from tests.notifications.stories import profile_changed


async def test_a_mention_names_whoever_goes_by_the_username_now(notifications: Notifications) -> None:
    alice, bob, carol = await notifications.users("alice", "bob", "carol")
    await notifications.user_events([profile_changed(bob, "robert")])
    group = await notifications.conversation(alice, bob, carol)

    await notifications.told(group.sent(alice, "@bob?"), group.sent(alice, "@robert!"))

    [notification] = notifications.database.notifications.values()
    assert (notification.recipient_id, notification.kind, notification.preview) == (
        bob,
        NotificationKind.MENTION,
        "@robert!",
    )


async def test_a_user_identity_has_not_told_of_yet_is_not_mentioned(notifications: Notifications) -> None:
    alice, bob = await notifications.users("alice", "bob")
    newcomer = new_id()
    group = await notifications.conversation(alice, bob, newcomer)

    await notifications.told(group.sent(alice, "welcome @newcomer"))

    assert notifications.database.notifications == {}
