"""Identity's registrations reach groups' record of known users once, however often they arrive."""

from collections.abc import Sequence

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from contexts.groups.adapters.inbound.events import from_identity
from contexts.groups.adapters.outbound.sqlalchemy import tables
from contexts.identity.contracts.events import UserRegistered
from infra.context_module import Consumer, through_inbox
from kernel.ids import new_id
from kernel.integration_event import IntegrationEvent
from kernel.rfc3339 import rfc3339
from runtime.consumer_groups import group_handler
from tests.groups.adapters.conftest import UnitOfWorkFactory
from tests.groups.builders import NOW


@pytest.fixture
def consumers(unit_of_work: UnitOfWorkFactory) -> Sequence[Consumer]:
    return [
        through_inbox(
            "groups.known_users", from_identity.EVENT_TYPES, unit_of_work, from_identity.user_events
        )
    ]


def registered(user_id: str) -> IntegrationEvent:
    payload = UserRegistered(user_id=user_id, username="alice", display_name="Alice", created_at=rfc3339(NOW))
    return payload.to_event(subject=user_id, time=NOW)


async def deliver(consumers: Sequence[Consumer], *events: IntegrationEvent) -> None:
    await group_handler(consumers)(events)


async def rows(engine: AsyncEngine) -> tuple[int | None, int | None]:
    """How many known users and inbox entries there are."""
    async with engine.connect() as connection:
        known = await connection.scalar(select(func.count()).select_from(tables.known_users))
        inbox = await connection.scalar(select(func.count()).select_from(tables.outbox.inbox))
    return known, inbox


async def test_groups_consumes_registrations_only(consumers: Sequence[Consumer]) -> None:
    assert [list(consumer.event_types) for consumer in consumers] == [[UserRegistered.TYPE]]


async def test_a_registered_user_becomes_known(
    consumers: Sequence[Consumer], unit_of_work: UnitOfWorkFactory
) -> None:
    user_id = new_id()

    await deliver(consumers, registered(str(user_id)))

    async with unit_of_work() as uow:
        assert await uow.known_users.unknown_among([user_id]) == set()


async def test_a_redelivered_registration_changes_nothing(
    consumers: Sequence[Consumer], engine: AsyncEngine
) -> None:
    event = registered(str(new_id()))
    await deliver(consumers, event)
    applied = await rows(engine)

    await deliver(consumers, event)
    await deliver(consumers, event)

    assert applied == (1, 1)
    assert await rows(engine) == applied


async def test_a_second_event_telling_of_a_known_user_changes_nothing_but_the_inbox(
    consumers: Sequence[Consumer], engine: AsyncEngine
) -> None:
    user_id = str(new_id())

    await deliver(consumers, registered(user_id))
    await deliver(consumers, registered(user_id), registered(user_id))

    assert await rows(engine) == (1, 3)
