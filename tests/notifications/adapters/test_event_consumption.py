"""Notifications consumes other contexts' events as the runtime subscribes it, on real databases:
through its container's subscriptions, each applied once, the notification, its count and its
announcement committed together."""

import dataclasses

import pytest
from sqlalchemy import select

from contexts.notifications.adapters.outbound.sqlalchemy import tables
from contexts.notifications.container import NotificationsContainer
from contexts.notifications.contracts.events import NotificationCreated
from infra.failures import is_transient
from kernel.copies import NotToldYetError
from kernel.ids import new_id
from kernel.integration_event import EventBatchHandler
from tests.messaging.group_story import GroupStory
from tests.notifications.stories import ConversationStory, registered

Composed = tuple[NotificationsContainer, EventBatchHandler]


async def announced(container: NotificationsContainer) -> list[NotificationCreated]:
    outbox = tables.outbox.outbox
    async with container.write_side.sessions()() as session:
        rows = await session.execute(select(outbox.c.type, outbox.c.data).order_by(outbox.c.position))
    return [NotificationCreated(**row.data) for row in rows if row.type == NotificationCreated.TYPE]


async def test_messages_and_groups_notify_once_however_often_they_are_told(composed: Composed) -> None:
    container, deliver = composed
    alice, bob, carol = new_id(), new_id(), new_id()
    group = ConversationStory(alice, bob, carol)
    sent = group.sent(alice, "@bob @carol see this")
    crew = GroupStory(alice, name="Crew")
    history = [
        registered(bob, "bob"),
        registered(carol, "carol"),
        group.created(),
        sent,
        group.edited(sent, "@bob @carol see this, edited"),
        crew.created(bob),
    ]

    await deliver(history)
    await deliver([*history, dataclasses.replace(sent, id=new_id())])

    listed = await container.list_notifications()(bob, unread_only=False, limit=50)
    assert sorted(n.kind.value for n in listed.items) == ["added_to_group", "mention"]
    assert listed.unread_count == 2
    assert (await container.list_notifications()(carol, unread_only=True, limit=50)).unread_count == 1
    assert sorted(event.notification["kind"] for event in await announced(container)) == [
        "added_to_group",
        "mention",
        "mention",
    ]


async def test_a_deleted_message_takes_back_its_unread_notifications_and_their_count(
    composed: Composed,
) -> None:
    container, deliver = composed
    alice, bob = new_id(), new_id()
    direct = ConversationStory(alice, bob)
    sent = direct.sent(alice, "oops")
    await deliver([direct.created(), sent])

    await deliver([direct.deleted(sent)])

    listed = await container.list_notifications()(bob, unread_only=False, limit=50)
    assert (listed.items, listed.unread_count) == ([], 0)


async def test_a_failing_delivery_stores_nothing_and_the_event_is_applied_when_told_again(
    composed: Composed, monkeypatch: pytest.MonkeyPatch
) -> None:
    container, deliver = composed
    alice, bob = new_id(), new_id()
    direct = ConversationStory(alice, bob)
    await deliver([direct.created()])
    sent = direct.sent(alice, "hello")
    [channel] = container.channels()

    async def broken(*_: object) -> None:
        raise RuntimeError("channel down")

    with monkeypatch.context() as patched:
        patched.setattr(channel, "deliver", broken)
        with pytest.raises(RuntimeError):
            await deliver([sent])
    assert (await container.list_notifications()(bob, unread_only=False, limit=50)).unread_count == 0

    await deliver([sent])

    listed = await container.list_notifications()(bob, unread_only=False, limit=50)
    assert (len(listed.items), listed.unread_count) == (1, 1)
    assert len(await announced(container)) == 1


async def test_a_message_sent_and_deleted_in_one_batch_leaves_nothing(composed: Composed) -> None:
    container, deliver = composed
    alice, bob = new_id(), new_id()
    direct = ConversationStory(alice, bob)
    sent = direct.sent(alice, "oops")

    await deliver([direct.created(), sent, direct.deleted(sent)])

    listed = await container.list_notifications()(bob, unread_only=False, limit=50)
    assert (listed.items, listed.unread_count) == ([], 0)


async def test_a_message_told_after_its_deletion_notifies_nobody_however_it_is_batched(
    composed: Composed,
) -> None:
    container, deliver = composed
    alice, bob = new_id(), new_id()
    direct = ConversationStory(alice, bob)
    sent = direct.sent(alice, "secret")
    edited = direct.edited(sent, "secret, edited")
    deleted = direct.deleted(sent)

    await deliver([direct.created(), deleted])
    await deliver([sent])
    await deliver([edited, dataclasses.replace(sent, id=new_id())])

    listed = await container.list_notifications()(bob, unread_only=False, limit=50)
    assert (listed.items, listed.unread_count) == ([], 0)
    assert await announced(container) == []


async def test_a_message_of_a_conversation_never_told_of_holds_its_batch_until_the_telling_comes(
    composed: Composed,
) -> None:
    container, deliver = composed
    alice, bob, carol = new_id(), new_id(), new_id()
    group = ConversationStory(alice, bob, carol)
    history = [registered(bob, "bob"), group.sent(alice, "@bob hi")]

    with pytest.raises(NotToldYetError) as raised:
        await deliver(history)
    assert is_transient(raised.value)
    assert (await container.list_notifications()(bob, unread_only=False, limit=50)).unread_count == 0

    await deliver([group.created(), *history])  # the telling, replayed ahead of what waited for it

    listed = await container.list_notifications()(bob, unread_only=False, limit=50)
    assert [n.kind.value for n in listed.items] == ["mention"]
    async with container.write_side.sessions()() as session:
        told = await session.scalar(select(tables.conversations.c.participant_ids))
    assert sorted(told) == sorted(map(str, [alice, bob, carol]))
