"""Identity's unit of work: its changes and its integration events commit together or not at all."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from contexts.identity.adapters.outbound.sqlalchemy import tables
from contexts.identity.contracts.events import UserRegistered
from kernel.rfc3339 import rfc3339
from tests.databases import Wakes
from tests.identity.adapters.builders import NOW, a_user
from tests.identity.adapters.conftest import UnitOfWorkFactory


def registered(user_id: str) -> UserRegistered:
    return UserRegistered(user_id=user_id, username="alice", display_name="Alice", created_at=rfc3339(NOW))


async def outbox(engine: AsyncEngine) -> list[tuple[str, str]]:
    outbox = tables.outbox.outbox
    async with engine.connect() as connection:
        return [(row.type, row.subject) for row in await connection.execute(select(outbox))]


async def test_a_committed_change_and_its_event_are_both_stored_and_wake_the_relay(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine, wakes: Wakes
) -> None:
    user = a_user()
    async with unit_of_work() as uow:
        await uow.users.add(user)
        uow.publish(registered(str(user.id)).to_event(subject=str(user.id), time=NOW))
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.users.get(user.id) is not None
    assert await outbox(engine) == [(UserRegistered.TYPE, str(user.id))]
    assert wakes.count == 1


async def test_a_rolled_back_change_leaves_neither_it_nor_its_event(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine, wakes: Wakes
) -> None:
    user = a_user()
    async with unit_of_work() as uow:
        await uow.users.add(user)
        uow.publish(registered(str(user.id)).to_event(subject=str(user.id), time=NOW))

    async with unit_of_work() as uow:
        assert await uow.users.get(user.id) is None
    assert await outbox(engine) == []
    assert wakes.count == 0
