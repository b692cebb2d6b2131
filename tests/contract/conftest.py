"""Every bus adapter on the same footing: an outbox of identity's to carry, and a way to publish to it."""

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from contexts.identity.adapters.outbound.sqlalchemy import tables
from infra.bus.event_bus import EventBus
from infra.bus.in_process import InProcessBusSettings, InProcessEventBus
from infra.db.database import Database
from infra.db.unit_of_work import SqlAlchemyUnitOfWork
from infra.outbox.outbox import Outbox
from kernel.integration_event import IntegrationEvent
from tests.buses import FAST_CONSUMERS

Publish = Callable[..., Awaitable[None]]
"""Commits the events it is given to the outbox, in one transaction, as a use case would."""

Buses = Callable[[], EventBus]
"""Makes another bus of the test's kind, on the test's outbox and topics."""


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    """Identity's database, whose outbox the buses carry (the contract's events are identity's)."""
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/identity.db")
    await tables.migrations.upgrade(database.engine)
    yield database
    await database.dispose()


@pytest.fixture
def outbox(database: Database) -> Outbox:
    return Outbox("identity", database.sessions, tables.outbox)


@pytest.fixture
def publish(database: Database, outbox: Outbox) -> Publish:
    async def publish(*events: IntegrationEvent) -> None:
        async with SqlAlchemyUnitOfWork(database.sessions, tables.outbox, outbox.committed) as uow:
            for event in events:
                uow.publish(event)
            await uow.commit()

    return publish


@pytest.fixture
async def in_process_buses() -> AsyncIterator[Callable[[], InProcessEventBus]]:
    """Makes in-process buses with quick retries; stops them after the test."""
    made: list[InProcessEventBus] = []

    def make() -> InProcessEventBus:
        bus = InProcessEventBus(InProcessBusSettings(consumers=FAST_CONSUMERS, poll_interval=0.2))
        made.append(bus)
        return bus

    yield make
    for bus in made:
        await bus.stop()


@pytest.fixture(params=["in_process", "kafka"])
def buses(request: pytest.FixtureRequest, outbox: Outbox) -> Buses:
    """Makes buses of each kind that carry the test's outbox. Subscribe, then start."""
    of_the_kind: Callable[[], EventBus] = request.getfixturevalue(f"{request.param}_buses")

    def make() -> EventBus:
        bus = of_the_kind()
        bus.carry(outbox)
        return bus

    return make


@pytest.fixture
def bus(buses: Buses) -> EventBus:
    """A bus of each kind that carries the test's outbox, not started yet: subscribe first."""
    return buses()
