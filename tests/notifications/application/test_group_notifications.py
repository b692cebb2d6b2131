"""Additions to groups notify through groups' events, creation included."""

from contexts.notifications.contracts.events import NotificationCreated
from contexts.notifications.domain.notification_kind import NotificationKind
from kernel.ids import new_id
from tests.messaging.group_story import CREATED_AT, GroupStory
from tests.notifications.application.conftest import Notifications


async def test_the_members_a_group_is_created_with_are_told_who_added_them(
    notifications: Notifications,
) -> None:
    owner, bob, carol = new_id(), new_id(), new_id()
    group = GroupStory(owner, name="Weekend crew")

    await notifications.group_events([group.created(bob, carol)])

    added = sorted(notifications.database.notifications.values(), key=lambda n: n.recipient_id)
    assert [n.recipient_id for n in added] == sorted([bob, carol])
    for notification in added:
        assert notification.kind is NotificationKind.ADDED_TO_GROUP
        assert (notification.conversation_id, notification.message_id) == (group.group_id, None)
        assert (notification.actor_id, notification.preview) == (owner, "Weekend crew")
        assert notification.created_at == CREATED_AT
    assert notifications.database.unread_counts == {bob: 1, carol: 1}
    assert {event.recipient_id for event in notifications.database.published(NotificationCreated)} == {
        str(bob),
        str(carol),
    }


async def test_a_member_added_later_is_told_once_however_often_the_event_comes(
    notifications: Notifications,
) -> None:
    owner, bob = new_id(), new_id()
    group = GroupStory(owner)
    await notifications.group_events([group.created()])
    added = group.member_added(bob)

    await notifications.group_events([added])
    await notifications.group_events([added])

    [notification] = notifications.database.notifications.values()
    assert notification.recipient_id == bob
    assert notifications.database.unread_counts == {bob: 1}


async def test_a_member_removed_and_added_again_is_told_again(notifications: Notifications) -> None:
    owner, bob = new_id(), new_id()
    group = GroupStory(owner)
    await notifications.group_events([group.created(bob)])
    group.member_removed(bob)

    await notifications.group_events([group.member_added(bob)])

    assert len(notifications.database.of(bob)) == 2
    assert notifications.database.unread_counts == {bob: 2}


async def test_other_changes_to_a_group_notify_nobody(notifications: Notifications) -> None:
    owner = new_id()
    group = GroupStory(owner)

    await notifications.group_events([group.created()])

    assert notifications.database.notifications == {}
    assert notifications.database.outbox == []
