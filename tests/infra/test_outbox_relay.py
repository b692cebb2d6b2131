"""The relay publishes committed events in order, at once when woken, and survives failures."""

import asyncio
from collections.abc import Sequence

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.outbox_tables import OutboxTables
from infra.outbox.outbox import Outbox
from infra.outbox.relay import OutboxRelay, RelaySettings
from kernel.integration_event import IntegrationEvent
from tests.infra.events import commit, event
from tests.infra.recording_broker import RecordingBroker

NO_BACKOFF = RelaySettings(backoff_base=0.0, max_attempts=3)


def payloads(broker: RecordingBroker) -> list[tuple[str, int]]:
    return [(e.subject, e.data["n"]) for e in broker.published]


async def test_publishes_pending_events_in_commit_order_exactly_once(
    sessions: async_sessionmaker[AsyncSession], outbox: Outbox, tables: OutboxTables
) -> None:
    broker = RecordingBroker()
    relay = OutboxRelay(outbox, broker.publish)
    await commit(sessions, outbox, tables, [event("a", 1), event("b", 1)])
    await commit(sessions, outbox, tables, [event("a", 2)])

    assert await relay.publish_pending() == 3
    assert await relay.publish_pending() == 0
    assert payloads(broker) == [("a", 1), ("b", 1), ("a", 2)]


async def test_keeps_the_envelope_intact(
    sessions: async_sessionmaker[AsyncSession], outbox: Outbox, tables: OutboxTables
) -> None:
    broker = RecordingBroker()
    original = event("a", 7)
    await commit(sessions, outbox, tables, [original])

    await OutboxRelay(outbox, broker.publish).publish_pending()

    assert broker.published == [original]


async def test_a_commit_wakes_the_running_relay_without_waiting_for_the_poll(
    sessions: async_sessionmaker[AsyncSession], outbox: Outbox, tables: OutboxTables
) -> None:
    broker = RecordingBroker()
    relay = OutboxRelay(outbox, broker.publish, RelaySettings(poll_interval=3600))
    running = asyncio.create_task(relay.run())
    try:
        await asyncio.sleep(0.1)  # let the first (empty) pass finish and the relay go to sleep
        await commit(sessions, outbox, tables, [event("a", 1)])
        async with asyncio.timeout(10):
            await broker.arrived.wait()
    finally:
        running.cancel()
    assert payloads(broker) == [("a", 1)]


async def test_a_failed_event_holds_back_later_events_of_its_aggregate_only(
    sessions: async_sessionmaker[AsyncSession], outbox: Outbox, tables: OutboxTables
) -> None:
    broken = {"a"}
    broker = RecordingBroker(fails=lambda e: e.subject in broken)
    relay = OutboxRelay(outbox, broker.publish, NO_BACKOFF)
    await commit(sessions, outbox, tables, [event("a", 1), event("b", 1), event("a", 2), event("b", 2)])

    await relay.publish_pending()
    assert payloads(broker) == [("b", 1), ("b", 2)]

    broken.clear()
    await relay.publish_pending()
    assert payloads(broker) == [("b", 1), ("b", 2), ("a", 1), ("a", 2)]


async def test_an_event_the_broker_keeps_refusing_is_parked_with_the_reason_and_stops_blocking(
    sessions: async_sessionmaker[AsyncSession], outbox: Outbox, tables: OutboxTables
) -> None:
    poison = event("a", 1)
    broker = RecordingBroker(
        fails=lambda e: e.id == poison.id, failure=lambda: ValueError("record too large")
    )
    relay = OutboxRelay(outbox, broker.publish, NO_BACKOFF)
    await commit(sessions, outbox, tables, [poison, event("a", 2)])

    for _ in range(NO_BACKOFF.max_attempts):
        await relay.publish_pending()
    await relay.publish_pending()

    assert payloads(broker) == [("a", 2)]
    async with sessions() as session:
        parked = (await session.execute(select(tables.outbox).where(tables.outbox.c.id == poison.id))).one()
    assert parked.parked_at is not None
    assert parked.attempts == NO_BACKOFF.max_attempts
    assert "record too large" in parked.last_error


async def test_a_redriven_event_is_published_again_and_a_second_redrive_finds_nothing(
    sessions: async_sessionmaker[AsyncSession], outbox: Outbox, tables: OutboxTables
) -> None:
    poison = event("a", 1)
    refused = {poison.id}
    broker = RecordingBroker(fails=lambda e: e.id in refused, failure=lambda: ValueError("record too large"))
    relay = OutboxRelay(outbox, broker.publish, NO_BACKOFF)
    await commit(sessions, outbox, tables, [poison, event("b", 1)])
    for _ in range(NO_BACKOFF.max_attempts):
        await relay.publish_pending()
    refused.clear()  # say the broker's limit was raised

    assert await outbox.redrive_parked() == 1
    assert await outbox.redrive_parked() == 0
    assert await relay.publish_pending() == 1
    assert payloads(broker) == [("b", 1), ("a", 1)]
    async with sessions() as session:
        redriven = (await session.execute(select(tables.outbox).where(tables.outbox.c.id == poison.id))).one()
    assert redriven.published_at is not None
    assert redriven.parked_at is None
    assert "record too large" in redriven.last_error


async def test_an_event_is_never_parked_while_the_broker_is_away_and_goes_out_once_it_is_back(
    sessions: async_sessionmaker[AsyncSession], outbox: Outbox, tables: OutboxTables
) -> None:
    away = True
    broker = RecordingBroker(fails=lambda e: away)
    relay = OutboxRelay(outbox, broker.publish, NO_BACKOFF)
    await commit(sessions, outbox, tables, [event("a", 1), event("a", 2)])

    for _ in range(3 * NO_BACKOFF.max_attempts):
        await relay.publish_pending()
    away = False
    await relay.publish_pending()

    assert payloads(broker) == [("a", 1), ("a", 2)]
    async with sessions() as session:
        parked = (await session.execute(select(tables.outbox.c.parked_at))).scalars().all()
    assert parked == [None, None]


async def test_a_failed_event_waits_for_its_backoff(
    sessions: async_sessionmaker[AsyncSession], outbox: Outbox, tables: OutboxTables
) -> None:
    failing = True
    broker = RecordingBroker(fails=lambda e: failing)
    relay = OutboxRelay(outbox, broker.publish, RelaySettings(backoff_base=3600))
    await commit(sessions, outbox, tables, [event("a", 1)])

    await relay.publish_pending()
    failing = False
    assert await relay.publish_pending() == 0


@pytest.mark.parametrize("lease_seconds", [0.5])
async def test_only_the_lease_holder_publishes_until_its_lease_expires(
    sessions: async_sessionmaker[AsyncSession], outbox: Outbox, tables: OutboxTables, lease_seconds: float
) -> None:
    first_broker, second_broker = RecordingBroker(), RecordingBroker()
    settings = RelaySettings(lease_seconds=lease_seconds)
    first = OutboxRelay(outbox, first_broker.publish, settings)
    second = OutboxRelay(outbox, second_broker.publish, settings)
    await commit(sessions, outbox, tables, [event("a", 1)])

    assert await first.publish_pending() == 1
    await commit(sessions, outbox, tables, [event("a", 2)])
    assert await second.publish_pending() == 0

    await asyncio.sleep(lease_seconds * 1.5)  # the first replica is gone: its lease runs out
    assert await second.publish_pending() == 1
    assert payloads(first_broker) == [("a", 1)]
    assert payloads(second_broker) == [("a", 2)]


async def test_a_pass_hands_every_due_event_to_the_broker_at_once(
    sessions: async_sessionmaker[AsyncSession], outbox: Outbox, tables: OutboxTables
) -> None:
    broker = RecordingBroker()
    relay = OutboxRelay(outbox, broker.publish, RelaySettings(batch_size=50))
    await commit(sessions, outbox, tables, [event(f"s{n % 7}", n) for n in range(120)])

    assert [await relay.publish_pending() for _ in range(4)] == [50, 50, 20, 0]
    assert broker.batches == [50, 50, 20]
    assert [e.data["n"] for e in broker.published] == list(range(120))


@pytest.mark.parametrize("lease_seconds", [0.5])
async def test_a_pass_the_broker_holds_up_past_the_lease_gives_up_and_marks_nothing(
    sessions: async_sessionmaker[AsyncSession], outbox: Outbox, tables: OutboxTables, lease_seconds: float
) -> None:
    answered = asyncio.Event()

    async def never_answers(events: Sequence[IntegrationEvent]) -> list[Exception | None]:
        await answered.wait()
        return [None] * len(events)

    relay = OutboxRelay(outbox, never_answers, RelaySettings(lease_seconds=lease_seconds))
    await commit(sessions, outbox, tables, [event("a", 1)])

    assert await relay.publish_pending() == 0
    assert len(await outbox.pending(10)) == 1


async def test_a_relay_that_lost_its_lease_mid_pass_does_not_mark_its_successors_events(
    sessions: async_sessionmaker[AsyncSession], outbox: Outbox, tables: OutboxTables
) -> None:
    broker = RecordingBroker()

    async def publish_while_another_replica_takes_over(
        events: Sequence[IntegrationEvent],
    ) -> list[Exception | None]:
        async with sessions() as session, session.begin():
            await session.execute(update(tables.relay_lease).values(holder="the successor"))
        return await broker.publish(events)

    relay = OutboxRelay(outbox, publish_while_another_replica_takes_over)
    await commit(sessions, outbox, tables, [event("a", 1)])

    assert await relay.publish_pending() == 0
    assert len(await outbox.pending(10)) == 1
    assert await relay.publish_pending() == 0  # the successor holds the lease now
