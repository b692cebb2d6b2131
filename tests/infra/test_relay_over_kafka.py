"""Outbox to consumer over the real broker: committed events arrive in order, and a republished
event (the relay died before marking it) is delivered again but applied once."""

import asyncio
from collections.abc import Sequence

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from infra.db.outbox_tables import OutboxTables
from infra.db.unit_of_work import SqlAlchemyUnitOfWork
from infra.outbox.inbox import idempotent
from infra.outbox.outbox import Outbox
from infra.outbox.relay import OutboxRelay
from kernel.integration_event import IntegrationEvent
from tests.buses import KafkaBuses
from tests.infra.events import event

EVENTS = 20


async def test_committed_events_reach_a_consumer_group_in_order_and_apply_once(
    sessions: async_sessionmaker[AsyncSession],
    tables: OutboxTables,
    outbox: Outbox,
    kafka_buses: KafkaBuses,
) -> None:
    delivered: list[IntegrationEvent] = []
    applied: list[int] = []
    all_delivered_twice = asyncio.Event()

    async def apply(e: IntegrationEvent, uow: SqlAlchemyUnitOfWork) -> None:
        applied.append(e.data["n"])

    apply_once = idempotent("consumer", lambda: SqlAlchemyUnitOfWork(sessions, tables, lambda: None), apply)

    async def consume(events: Sequence[IntegrationEvent]) -> None:
        delivered.extend(events)
        await apply_once(events)
        if len(delivered) == 2 * EVENTS:
            all_delivered_twice.set()

    consumer, publisher = kafka_buses(), kafka_buses()
    consumer.subscribe("consumer", ["test.something_happened"], consume)
    await consumer.start()
    await publisher.start()
    relay = OutboxRelay(outbox, publisher.publish)
    async with SqlAlchemyUnitOfWork(sessions, tables, outbox.committed) as uow:
        for n in range(EVENTS):
            uow.publish(event("conversation-1", n))
        await uow.commit()

    assert await relay.publish_pending() == EVENTS
    async with sessions() as session:  # as if the relay had died before marking them published
        await session.execute(update(tables.outbox).values(published_at=None))
        await session.commit()
    assert await relay.publish_pending() == EVENTS

    async with asyncio.timeout(60):
        await all_delivered_twice.wait()
    assert [e.data["n"] for e in delivered] == [*range(EVENTS), *range(EVENTS)]
    assert applied == list(range(EVENTS))
