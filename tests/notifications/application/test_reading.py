"""Listing and reading notifications, and the unread count that goes with them."""

from collections.abc import Awaitable, Callable
from datetime import timedelta
from uuid import UUID

import pytest

from contexts.notifications.domain.errors import NotificationNotFoundError
from contexts.notifications.domain.notification import Notification
from kernel.ids import new_id
from tests.notifications.application.conftest import Notifications
from tests.notifications.stories import ConversationStory


async def messages_to_bob(notifications: Notifications, count: int) -> tuple[UUID, UUID, ConversationStory]:
    """Alice writes `count` direct messages to Bob: (alice, bob, their conversation)."""
    alice, bob = await notifications.users("alice", "bob")
    direct = await notifications.conversation(alice, bob)
    for number in range(count):
        await notifications.told(direct.sent(alice, f"message {number}"))
    return alice, bob, direct


def oldest(notifications: Notifications, recipient_id: UUID) -> Notification:
    return min(notifications.database.of(recipient_id), key=lambda notification: notification.created_at)


async def test_the_list_is_newest_first_limited_and_counts_every_unread(notifications: Notifications) -> None:
    alice, bob, _ = await messages_to_bob(notifications, 4)

    listed = await notifications.list_notifications(bob, unread_only=False, limit=3)

    assert [n.preview for n in listed.items] == ["message 3", "message 2", "message 1"]
    assert listed.unread_count == 4
    assert await notifications.list_notifications(alice, unread_only=False, limit=3) == (
        await notifications.list_notifications(new_id(), unread_only=True, limit=3)
    )


async def test_a_notification_read_leaves_the_unread_list_and_the_count(notifications: Notifications) -> None:
    _, bob, _ = await messages_to_bob(notifications, 3)
    newest = (await notifications.list_notifications(bob, unread_only=False, limit=1)).items[0]
    notifications.clock.advance(timedelta(minutes=5))

    await notifications.mark_read(bob, newest.id)

    unread = await notifications.list_notifications(bob, unread_only=True, limit=50)
    assert [n.preview for n in unread.items] == ["message 1", "message 0"]
    assert unread.unread_count == 2
    everything = await notifications.list_notifications(bob, unread_only=False, limit=50)
    assert (everything.items[0].id, everything.items[0].read_at) == (newest.id, notifications.clock.now())


async def test_reading_a_notification_again_changes_nothing(notifications: Notifications) -> None:
    _, bob, _ = await messages_to_bob(notifications, 2)
    first = oldest(notifications, bob)
    await notifications.mark_read(bob, first.id)
    read_at = notifications.database.notifications[first.id].read_at
    notifications.clock.advance(timedelta(minutes=5))

    await notifications.mark_read(bob, first.id)

    assert notifications.database.notifications[first.id].read_at == read_at
    assert notifications.database.unread_counts[bob] == 1


async def test_someone_elses_or_an_unknown_notification_is_not_found(notifications: Notifications) -> None:
    alice, bob, _ = await messages_to_bob(notifications, 1)
    [notification] = notifications.database.of(bob)

    with pytest.raises(NotificationNotFoundError):
        await notifications.mark_read(alice, notification.id)
    with pytest.raises(NotificationNotFoundError):
        await notifications.mark_read(bob, new_id())
    assert notifications.database.notifications[notification.id].is_unread
    assert notifications.database.unread_counts == {bob: 1}


async def test_reading_all_reads_every_unread_one_of_the_caller_only(notifications: Notifications) -> None:
    alice, bob, direct = await messages_to_bob(notifications, 3)
    await notifications.told(direct.sent(bob, "to alice"))
    first = oldest(notifications, bob)
    await notifications.mark_read(bob, first.id)
    first_read_at = notifications.clock.now()
    notifications.clock.advance(timedelta(minutes=5))

    await notifications.mark_all_read(bob)
    await notifications.mark_all_read(bob)

    assert notifications.unread_of(bob) == []
    assert {n.id: n.read_at for n in notifications.database.of(bob)}[first.id] == first_read_at
    assert {n.read_at for n in notifications.database.of(bob)} == {first_read_at, notifications.clock.now()}
    assert len(notifications.unread_of(alice)) == 1
    assert notifications.database.unread_counts == {bob: 0, alice: 1}


async def test_the_unread_count_stays_equal_to_the_unread_notifications(notifications: Notifications) -> None:
    alice, bob, carol = await notifications.users("alice", "bob", "carol")
    group, direct = (
        await notifications.conversation(alice, bob, carol),
        await notifications.conversation(alice, bob),
    )
    mention = group.sent(alice, "@bob @carol")
    hello = direct.sent(alice, "hello")

    async def counts_match() -> None:
        for user in (alice, bob, carol):
            count = (await notifications.list_notifications(user, unread_only=False, limit=1)).unread_count
            assert count == len(notifications.unread_of(user))

    steps: list[Callable[[], Awaitable[object]]] = [
        lambda: notifications.told(mention, hello, mention),
        lambda: notifications.told(group.edited(mention, "@bob @carol @alice")),
        lambda: notifications.mark_read(bob, oldest(notifications, bob).id),
        lambda: notifications.mark_read(bob, oldest(notifications, bob).id),
        lambda: notifications.told(group.deleted(mention)),
        lambda: notifications.told(direct.sent(alice, "@bob again")),
        lambda: notifications.mark_all_read(bob),
        lambda: notifications.told(direct.deleted(hello)),
        lambda: notifications.mark_all_read(carol),
    ]
    for step in steps:
        await step()
        await counts_match()
    assert notifications.database.unread_counts == {bob: 0, carol: 0}
