"""Storing, listing and reading notifications on real databases and in the application tests' fake."""

import asyncio
import dataclasses
from datetime import datetime, timedelta
from uuid import UUID

from contexts.notifications.domain import rules
from contexts.notifications.domain.notification import Notification
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.notifications.adapters.conftest import UnitOfWorkFactory
from tests.notifications.builders import NOW, a_message, members_added

pytestmark = ALSO_ON_THE_FAKE


def direct_message(
    sender_id: UUID, recipient_id: UUID, minutes: int = 0, read_at: datetime | None = None
) -> Notification:
    """The sender's direct message to the recipient, sent `minutes` after NOW."""
    message = a_message(
        sender_id, body=f"message {minutes}", direct=True, at=NOW + timedelta(minutes=minutes)
    )
    [notification] = rules.of_sent_message(message, {sender_id, recipient_id}, mentioned=set(), muted=set())
    return dataclasses.replace(notification, read_at=read_at)


async def stored(unit_of_work: UnitOfWorkFactory, *notifications: Notification) -> None:
    async with unit_of_work() as uow:
        for notification in notifications:
            await uow.notifications.add(notification)
        await uow.commit()


async def test_a_notification_is_stored_as_it_is_once(unit_of_work: UnitOfWorkFactory) -> None:
    owner, bob = new_id(), new_id()
    [added] = rules.of_members_added(members_added(owner, bob))
    read = direct_message(owner, bob, read_at=NOW + timedelta(hours=1))

    async with unit_of_work() as uow:
        assert await uow.notifications.add(added)
        assert await uow.notifications.add(read)
        assert not await uow.notifications.add(added)
        await uow.commit()
    async with unit_of_work() as uow:
        assert not await uow.notifications.add(dataclasses.replace(added, preview="told again"))
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.notifications.get(bob, added.id) == added
        assert await uow.notifications.get(bob, read.id) == read
        assert await uow.notifications.get(owner, added.id) is None
        assert await uow.notifications.get(bob, new_id()) is None


async def test_of_two_transactions_storing_one_notification_one_stores_it(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    notification = direct_message(new_id(), new_id())

    async def add() -> bool:
        async with unit_of_work() as uow:
            added = await uow.notifications.add(notification)
            await uow.commit()
            return added

    assert sorted(await asyncio.gather(add(), add())) == [False, True]


async def test_the_newest_come_first_limited_and_unread_only_if_asked(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    alice, bob = new_id(), new_id()
    first, second, third = (direct_message(alice, bob, minutes) for minutes in range(3))
    await stored(
        unit_of_work, first, dataclasses.replace(second, read_at=NOW), third, direct_message(bob, alice)
    )

    async with unit_of_work() as uow:
        assert [n.id for n in await uow.notifications.newest(bob, unread_only=False, limit=50)] == [
            third.id,
            second.id,
            first.id,
        ]
        assert [n.id for n in await uow.notifications.newest(bob, unread_only=False, limit=2)] == [
            third.id,
            second.id,
        ]
        assert [n.id for n in await uow.notifications.newest(bob, unread_only=True, limit=50)] == [
            third.id,
            first.id,
        ]
        assert await uow.notifications.newest(new_id(), unread_only=False, limit=50) == []


async def test_reading_marks_only_the_recipients_unread_notification(unit_of_work: UnitOfWorkFactory) -> None:
    alice, bob = new_id(), new_id()
    notification = direct_message(alice, bob)
    await stored(unit_of_work, notification)
    read_at = NOW + timedelta(hours=1)

    async with unit_of_work() as uow:
        assert not await uow.notifications.mark_read(alice, notification.id, read_at)
        assert not await uow.notifications.mark_read(bob, new_id(), read_at)
        assert await uow.notifications.mark_read(bob, notification.id, read_at)
        assert not await uow.notifications.mark_read(bob, notification.id, read_at + timedelta(hours=1))
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.notifications.get(bob, notification.id) == dataclasses.replace(
            notification, read_at=read_at
        )


async def test_reading_all_marks_the_recipients_unread_ones_and_counts_them(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    alice, bob = new_id(), new_id()
    earlier = NOW - timedelta(days=1)
    already_read = direct_message(alice, bob, 0, read_at=earlier)
    unread = [direct_message(alice, bob, minutes) for minutes in (1, 2)]
    alices = direct_message(bob, alice)
    await stored(unit_of_work, already_read, *unread, alices)

    async with unit_of_work() as uow:
        assert await uow.notifications.mark_all_read(bob, NOW) == 2
        assert await uow.notifications.mark_all_read(bob, NOW) == 0
        await uow.commit()

    async with unit_of_work() as uow:
        listed = await uow.notifications.newest(bob, unread_only=False, limit=50)
        assert {n.id: n.read_at for n in listed} == {
            already_read.id: earlier,
            unread[0].id: NOW,
            unread[1].id: NOW,
        }
        assert (await uow.notifications.get(alice, alices.id)) == alices


async def test_withdrawing_a_message_forgets_its_unread_notifications_only(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    alice, bob, carol, dave = new_id(), new_id(), new_id(), new_id()
    message = a_message(alice, body="@bob @carol @dave")
    mentions = rules.of_sent_message(
        message, {alice, bob, carol, dave}, mentioned={bob, carol, dave}, muted=set()
    )
    bobs, carols, daves = sorted(mentions, key=lambda n: [bob, carol, dave].index(n.recipient_id))
    other = direct_message(alice, bob)
    await stored(unit_of_work, bobs, dataclasses.replace(carols, read_at=NOW), daves, other)

    async with unit_of_work() as uow:
        assert sorted(await uow.notifications.withdraw_unread(message.id)) == sorted(
            [bobs.recipient_id, dave]
        )
        assert await uow.notifications.withdraw_unread(message.id) == []
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.notifications.get(bob, bobs.id) is None
        assert await uow.notifications.get(carol, carols.id) is not None
        assert await uow.notifications.get(bob, other.id) == other
