"""Groups' unit of work: its changes and its integration events commit together or not at all."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from contexts.groups.adapters.outbound.sqlalchemy import tables
from contexts.groups.application.integration_events import publish_events
from contexts.groups.contracts.events import GroupCreated
from contexts.groups.domain.group import Group
from contexts.groups.domain.group_name import GroupName
from kernel.ids import new_id
from tests.databases import Wakes
from tests.groups.adapters.conftest import UnitOfWorkFactory
from tests.groups.builders import MEMBER_LIMIT, NOW


async def outbox(engine: AsyncEngine) -> list[tuple[str, str, int]]:
    outbox = tables.outbox.outbox
    async with engine.connect() as connection:
        return [
            (row.type, row.subject, row.data["version"]) for row in await connection.execute(select(outbox))
        ]


async def test_a_committed_change_and_its_event_are_both_stored_and_wake_the_relay(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine, wakes: Wakes
) -> None:
    group = Group.create(GroupName("Book club"), new_id(), [], NOW, member_limit=MEMBER_LIMIT)
    async with unit_of_work() as uow:
        await uow.groups.add(group)
        publish_events(uow, group.pull_events())
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.groups.get(group.id) is not None
    assert await outbox(engine) == [(GroupCreated.TYPE, str(group.id), 1)]
    assert wakes.count == 1


async def test_a_rolled_back_change_leaves_neither_it_nor_its_event(
    unit_of_work: UnitOfWorkFactory, engine: AsyncEngine, wakes: Wakes
) -> None:
    group = Group.create(GroupName("Book club"), new_id(), [], NOW, member_limit=MEMBER_LIMIT)
    async with unit_of_work() as uow:
        await uow.groups.add(group)
        publish_events(uow, group.pull_events())

    async with unit_of_work() as uow:
        assert await uow.groups.get(group.id) is None
    assert await outbox(engine) == []
    assert wakes.count == 0
