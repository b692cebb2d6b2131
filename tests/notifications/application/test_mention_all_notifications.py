"""`@all` notifies as messaging tells it: every participant but the sender, unless they muted the
conversation, once per message however often it is told or edited."""

import dataclasses
from uuid import UUID

from contexts.notifications.contracts.events import NotificationCreated
from contexts.notifications.domain.notification_kind import NotificationKind
from kernel.ids import new_id
from tests.notifications.application.conftest import Notifications

MENTION, MENTION_ALL = NotificationKind.MENTION, NotificationKind.MENTION_ALL


def told_whom(notifications: Notifications) -> dict[UUID, NotificationKind]:
    return {n.recipient_id: n.kind for n in notifications.database.notifications.values()}


async def test_a_mention_of_everyone_notifies_every_participant_but_the_sender_and_who_muted(
    notifications: Notifications,
) -> None:
    alice, bob, carol, dave = await notifications.users("alice", "bob", "carol", "dave")
    group = await notifications.conversation(alice, bob, carol, dave)
    await notifications.set_preference(dave, group.id, muted=True)

    await notifications.told(group.sent(alice, "@all release at 5", mentions_everyone=True))

    assert told_whom(notifications) == {bob: MENTION_ALL, carol: MENTION_ALL}
    assert notifications.database.unread_counts == {bob: 1, carol: 1}
    assert {
        announced.notification["kind"] for announced in notifications.database.published(NotificationCreated)
    } == {"mention_all"}


async def test_a_personal_mention_still_reaches_one_who_muted_as_a_mention(
    notifications: Notifications,
) -> None:
    alice, bob, carol = await notifications.users("alice", "bob", "carol")
    group = await notifications.conversation(alice, bob, carol)
    await notifications.set_preference(bob, group.id, muted=True)

    await notifications.told(group.sent(alice, "@all and especially @bob", mentions_everyone=True))

    assert told_whom(notifications) == {bob: MENTION, carol: MENTION_ALL}


async def test_only_what_messaging_tells_counts_not_the_word(notifications: Notifications) -> None:
    alice, bob, carol = await notifications.users("alice", "bob", "carol")
    group = await notifications.conversation(alice, bob, carol)

    await notifications.told(group.sent(alice, "@all, told by an older messaging as a word"))

    assert told_whom(notifications) == {}


async def test_a_redelivered_mention_of_everyone_notifies_once(notifications: Notifications) -> None:
    alice, bob, carol = await notifications.users("alice", "bob", "carol")
    group = await notifications.conversation(alice, bob, carol)
    sent = group.sent(alice, "@all hello", mentions_everyone=True)

    await notifications.told(sent, sent, dataclasses.replace(sent, id=new_id()))

    assert told_whom(notifications) == {bob: MENTION_ALL, carol: MENTION_ALL}
    assert notifications.database.unread_counts == {bob: 1, carol: 1}
    assert len(notifications.database.published(NotificationCreated)) == 2


async def test_an_edit_that_adds_it_notifies_who_was_not_told_yet_once(notifications: Notifications) -> None:
    alice, bob, carol, dave = await notifications.users("alice", "bob", "carol", "dave")
    group = await notifications.conversation(alice, bob, carol, dave)
    await notifications.set_preference(dave, group.id, muted=True)
    sent = group.sent(alice, "hi @bob")

    await notifications.told(
        sent,
        group.edited(sent, "hi @bob and @all", mentions_everyone=True),
        group.edited(sent, "hi @bob and @all!", mentions_everyone=True),
    )

    assert told_whom(notifications) == {bob: MENTION, carol: MENTION_ALL}
    assert notifications.database.unread_counts == {bob: 1, carol: 1}
