"""Groups' unit of work, on each database and as the fake: a change made through its repositories
and its integration event commit together or not at all (the rest of its contract, which every
context's shares, is tests/infra/test_unit_of_work.py)."""

from contexts.groups.application.integration_events import publish_events
from contexts.groups.contracts.events import GroupCreated
from contexts.groups.domain.group import Group
from contexts.groups.domain.group_name import GroupName
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE, Committed
from tests.groups.adapters.conftest import UnitOfWorkFactory
from tests.groups.builders import MEMBER_LIMIT, NOW

pytestmark = ALSO_ON_THE_FAKE


async def test_a_committed_change_and_its_event_are_both_stored(
    unit_of_work: UnitOfWorkFactory, committed: Committed
) -> None:
    group = Group.create(GroupName("Book club"), new_id(), [], NOW, member_limit=MEMBER_LIMIT)
    async with unit_of_work() as uow:
        await uow.groups.add(group)
        publish_events(uow, group.pull_events())
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.groups.get(group.id) is not None
    assert [(e.type, e.subject, e.data["version"]) for e in await committed()] == [
        (GroupCreated.TYPE, str(group.id), 1)
    ]


async def test_a_rolled_back_change_leaves_neither_it_nor_its_event(
    unit_of_work: UnitOfWorkFactory, committed: Committed
) -> None:
    group = Group.create(GroupName("Book club"), new_id(), [], NOW, member_limit=MEMBER_LIMIT)
    async with unit_of_work() as uow:
        await uow.groups.add(group)
        publish_events(uow, group.pull_events())

    async with unit_of_work() as uow:
        assert await uow.groups.get(group.id) is None
    assert await committed() == []
