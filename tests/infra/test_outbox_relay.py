"""The relay publishes committed events in order, at once when woken, and survives failures."""

import asyncio
from collections.abc import Iterable

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.outbox_tables import MessagingTables
from infra.db.unit_of_work import SqlAlchemyUnitOfWork
from infra.outbox.relay import OutboxRelay, RelaySettings
from kernel.integration_event import IntegrationEvent
from tests.infra.events import event
from tests.infra.recording_bus import RecordingBus

NO_BACKOFF = RelaySettings(backoff_base=0.0, max_attempts=3)


async def commit(
    sessions: async_sessionmaker[AsyncSession],
    tables: MessagingTables,
    events: Iterable[IntegrationEvent],
    relay: OutboxRelay | None = None,
) -> None:
    async with SqlAlchemyUnitOfWork(sessions, tables, relay.wake if relay else lambda: None) as uow:
        for e in events:
            uow.publish(e)
        await uow.commit()


def payloads(bus: RecordingBus) -> list[tuple[str, int]]:
    return [(e.subject, e.data["n"]) for e in bus.published]


async def test_publishes_pending_events_in_commit_order_exactly_once(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    bus = RecordingBus()
    relay = OutboxRelay("test", sessions, tables, bus)
    await commit(sessions, tables, [event("a", 1), event("b", 1)])
    await commit(sessions, tables, [event("a", 2)])

    assert await relay.publish_pending() == 3
    assert await relay.publish_pending() == 0
    assert payloads(bus) == [("a", 1), ("b", 1), ("a", 2)]


async def test_keeps_the_envelope_intact(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    bus = RecordingBus()
    original = event("a", 7)
    await commit(sessions, tables, [original])

    await OutboxRelay("test", sessions, tables, bus).publish_pending()

    assert bus.published == [original]


async def test_a_commit_wakes_the_running_relay_without_waiting_for_the_poll(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    bus = RecordingBus()
    relay = OutboxRelay("test", sessions, tables, bus, RelaySettings(poll_interval=3600))
    running = asyncio.create_task(relay.run())
    try:
        await asyncio.sleep(0.1)  # let the first (empty) pass finish and the relay go to sleep
        await commit(sessions, tables, [event("a", 1)], relay)
        async with asyncio.timeout(10):
            await bus.arrived.wait()
    finally:
        running.cancel()
    assert payloads(bus) == [("a", 1)]


async def test_a_failed_event_holds_back_later_events_of_its_aggregate_only(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    broken = {"a"}
    bus = RecordingBus(fails=lambda e: e.subject in broken)
    relay = OutboxRelay("test", sessions, tables, bus, NO_BACKOFF)
    await commit(sessions, tables, [event("a", 1), event("b", 1), event("a", 2), event("b", 2)])

    await relay.publish_pending()
    assert payloads(bus) == [("b", 1), ("b", 2)]

    broken.clear()
    await relay.publish_pending()
    assert payloads(bus) == [("b", 1), ("b", 2), ("a", 1), ("a", 2)]


async def test_an_event_that_keeps_failing_is_parked_and_stops_blocking(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    poison = event("a", 1)
    bus = RecordingBus(fails=lambda e: e.id == poison.id)
    relay = OutboxRelay("test", sessions, tables, bus, NO_BACKOFF)
    await commit(sessions, tables, [poison, event("a", 2)])

    for _ in range(NO_BACKOFF.max_attempts):
        await relay.publish_pending()
    await relay.publish_pending()

    assert payloads(bus) == [("a", 2)]
    async with sessions() as session:
        parked = (await session.execute(select(tables.outbox).where(tables.outbox.c.id == poison.id))).one()
    assert parked.parked_at is not None
    assert parked.attempts == NO_BACKOFF.max_attempts
    assert "broker unavailable" in parked.last_error


async def test_a_failed_event_waits_for_its_backoff(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables
) -> None:
    failing = True
    bus = RecordingBus(fails=lambda e: failing)
    relay = OutboxRelay("test", sessions, tables, bus, RelaySettings(backoff_base=3600))
    await commit(sessions, tables, [event("a", 1)])

    await relay.publish_pending()
    failing = False
    assert await relay.publish_pending() == 0


@pytest.mark.parametrize("lease_seconds", [0.5])
async def test_only_the_lease_holder_publishes_until_its_lease_expires(
    sessions: async_sessionmaker[AsyncSession], tables: MessagingTables, lease_seconds: float
) -> None:
    first_bus, second_bus = RecordingBus(), RecordingBus()
    settings = RelaySettings(lease_seconds=lease_seconds)
    first = OutboxRelay("test", sessions, tables, first_bus, settings)
    second = OutboxRelay("test", sessions, tables, second_bus, settings)
    await commit(sessions, tables, [event("a", 1)])

    assert await first.publish_pending() == 1
    await commit(sessions, tables, [event("a", 2)])
    assert await second.publish_pending() == 0

    await asyncio.sleep(lease_seconds * 1.5)  # the first replica is gone: its lease runs out
    assert await second.publish_pending() == 1
    assert payloads(first_bus) == [("a", 1)]
    assert payloads(second_bus) == [("a", 2)]
