"""Each rule of who is notified of what, on its own."""

from uuid import UUID

from contexts.notifications.domain import rules
from contexts.notifications.domain.notification import Notification
from contexts.notifications.domain.notification_kind import NotificationKind
from kernel.ids import new_id
from tests.notifications.builders import NOW, a_message, members_added

MENTION, DIRECT_MESSAGE, ADDED = (
    NotificationKind.MENTION,
    NotificationKind.DIRECT_MESSAGE,
    NotificationKind.ADDED_TO_GROUP,
)


def told(notifications: list[Notification]) -> set[tuple[UUID, NotificationKind]]:
    return {(notification.recipient_id, notification.kind) for notification in notifications}


def test_a_direct_message_notifies_the_other_participant() -> None:
    alice, bob = new_id(), new_id()
    message = a_message(alice, body="lunch?", direct=True)

    [notification] = rules.of_sent_message(message, {alice, bob}, mentioned=set(), muted=set())

    assert notification == Notification(
        id=notification.id,
        recipient_id=bob,
        kind=DIRECT_MESSAGE,
        conversation_id=message.conversation_id,
        message_id=message.id,
        actor_id=alice,
        preview="lunch?",
        created_at=NOW,
        read_at=None,
    )


def test_a_group_message_without_mentions_notifies_nobody() -> None:
    alice, bob, carol = new_id(), new_id(), new_id()

    assert rules.of_sent_message(a_message(alice), {alice, bob, carol}, mentioned=set(), muted=set()) == []


def test_a_mention_notifies_each_mentioned_participant() -> None:
    alice, bob, carol, dave = new_id(), new_id(), new_id(), new_id()
    message = a_message(alice, body="@bob @carol")

    assert told(
        rules.of_sent_message(message, {alice, bob, carol, dave}, mentioned={bob, carol}, muted=set())
    ) == {
        (bob, MENTION),
        (carol, MENTION),
    }


def test_a_mention_beats_a_direct_message_one_notification_not_two() -> None:
    alice, bob = new_id(), new_id()

    notifications = rules.of_sent_message(
        a_message(alice, body="@bob", direct=True), {alice, bob}, mentioned={bob}, muted=set()
    )

    assert told(notifications) == {(bob, MENTION)}


def test_muting_suppresses_a_direct_message() -> None:
    alice, bob = new_id(), new_id()

    assert (
        rules.of_sent_message(a_message(alice, direct=True), {alice, bob}, mentioned=set(), muted={bob}) == []
    )


def test_muting_never_suppresses_a_mention() -> None:
    alice, bob, carol = new_id(), new_id(), new_id()

    direct = rules.of_sent_message(a_message(alice, direct=True), {alice, bob}, mentioned={bob}, muted={bob})
    group = rules.of_sent_message(a_message(alice), {alice, bob, carol}, mentioned={bob}, muted={bob})

    assert told(direct) == told(group) == {(bob, MENTION)}


def test_nobody_is_notified_of_their_own_message_even_mentioning_themselves() -> None:
    alice, bob = new_id(), new_id()

    notifications = rules.of_sent_message(
        a_message(alice, body="@alice", direct=True), {alice, bob}, mentioned={alice}, muted=set()
    )

    assert told(notifications) == {(bob, DIRECT_MESSAGE)}


def test_mentioning_someone_who_takes_no_part_notifies_nobody() -> None:
    alice, bob, carol, outsider = new_id(), new_id(), new_id(), new_id()

    everyone = {alice, bob, carol}

    assert rules.of_sent_message(a_message(alice), everyone, mentioned={outsider}, muted=set()) == []
    assert rules.of_edited_message(a_message(alice), everyone, mentioned={outsider}) == []


def test_an_edit_notifies_whom_it_mentions_and_never_of_the_message_itself() -> None:
    alice, bob, carol = new_id(), new_id(), new_id()

    assert rules.of_edited_message(a_message(alice, direct=True), {alice, bob}, mentioned=set()) == []
    assert told(rules.of_edited_message(a_message(alice), {alice, bob, carol}, mentioned={carol, alice})) == {
        (carol, MENTION)
    }


def test_a_message_notifies_each_recipient_under_one_id_whatever_the_kind() -> None:
    alice, bob = new_id(), new_id()
    message, both = a_message(alice, body="hi", direct=True), {alice, bob}

    [sent] = rules.of_sent_message(message, both, mentioned=set(), muted=set())
    [edited] = rules.of_edited_message(message, both, mentioned={bob})
    [other_message] = rules.of_sent_message(a_message(alice, direct=True), both, mentioned=set(), muted=set())

    assert sent.id == edited.id != other_message.id
    assert rules.of_sent_message(message, both, mentioned=set(), muted=set())[0].id == sent.id


def test_being_added_by_someone_else_notifies_with_the_group_as_the_conversation() -> None:
    owner, bob = new_id(), new_id()
    added = members_added(owner, bob, name="Weekend crew")

    [notification] = rules.of_members_added(added)

    assert (notification.recipient_id, notification.kind, notification.actor_id) == (bob, ADDED, owner)
    assert (notification.conversation_id, notification.message_id) == (added.group_id, None)
    assert (notification.preview, notification.created_at) == ("Weekend crew", NOW)


def test_creating_a_group_notifies_its_members_but_not_its_creator() -> None:
    owner, bob, carol = new_id(), new_id(), new_id()

    assert told(rules.of_members_added(members_added(owner, owner, bob, carol, version=1))) == {
        (bob, ADDED),
        (carol, ADDED),
    }
    assert rules.of_members_added(members_added(owner, owner, version=1)) == []


def test_each_addition_to_a_group_is_its_own_notification() -> None:
    owner, bob = new_id(), new_id()
    group_id = new_id()

    [first] = rules.of_members_added(members_added(owner, bob, version=2, group_id=group_id))
    [again] = rules.of_members_added(members_added(owner, bob, version=2, group_id=group_id))
    [later] = rules.of_members_added(members_added(owner, bob, version=5, group_id=group_id))

    assert first.id == again.id != later.id


def test_a_reply_notifies_its_followers_but_the_replier_the_muted_and_outsiders() -> None:
    alice, bob, carol, dave, erin = (new_id() for _ in range(5))
    message = a_message(alice, body="yes", direct=False)

    notified = rules.of_sent_message(
        message,
        {alice, bob, carol, dave},
        mentioned=set(),
        muted={carol},
        followers={alice, bob, carol, erin},
    )

    assert told(notified) == {(bob, NotificationKind.REPLY)}


def test_a_reply_mentioning_a_follower_is_a_mention_and_in_a_direct_conversation_a_reply() -> None:
    alice, bob, carol = new_id(), new_id(), new_id()
    group_reply = a_message(alice, body="@bob yes", direct=False)
    direct_reply = a_message(alice, body="yes", direct=True)

    mentioning = rules.of_sent_message(
        group_reply, {alice, bob, carol}, mentioned={bob}, muted={bob}, followers={bob, carol}
    )
    direct = rules.of_sent_message(direct_reply, {alice, bob}, mentioned=set(), muted=set(), followers={bob})

    assert told(mentioning) == {(bob, MENTION), (carol, NotificationKind.REPLY)}
    assert told(direct) == {(bob, NotificationKind.REPLY)}
