"""What the group repository's contract says that only its SQL adapter's own rows can show: a
removed group leaves no member behind, and a change committed between a read and a write is found.
"""

import pytest
from sqlalchemy import func, select, update

from contexts.groups.adapters.outbound.sqlalchemy import tables
from contexts.groups.domain.group import Group
from contexts.groups.domain.group_name import GroupName
from contexts.groups.ports.group_repository import GroupChangedError
from tests.groups.adapters.conftest import SqlUnitOfWorkFactory
from tests.groups.builders import LATER, Cast


async def test_a_removed_group_leaves_no_member_rows(
    sql_unit_of_work: SqlUnitOfWorkFactory, group: Group, cast: Cast
) -> None:
    async with sql_unit_of_work() as uow:
        deleted = await uow.groups.get(group.id)
        assert deleted is not None
        deleted.delete(cast.owner, LATER)
        await uow.groups.remove(deleted)
        await uow.commit()

    async with sql_unit_of_work() as uow:
        assert await uow.session.scalar(select(func.count()).select_from(tables.members)) == 0


async def test_a_group_changed_since_it_was_read_is_neither_overwritten_nor_removed(
    sql_unit_of_work: SqlUnitOfWorkFactory, group: Group, cast: Cast
) -> None:
    async with sql_unit_of_work() as uow:
        read = await uow.groups.get(group.id)
        assert read is not None
        # What a concurrent change commits in between on PostgreSQL. SQLite transactions queue
        # (infra.db.engine begins them IMMEDIATE), so there only this shortcut makes it happen.
        await uow.session.execute(
            update(tables.groups)
            .where(tables.groups.c.id == group.id)
            .values(version=tables.groups.c.version + 1)
        )
        read.rename(cast.owner, GroupName("Mine"), LATER)
        with pytest.raises(GroupChangedError):
            await uow.groups.save(read)
        read.delete(cast.owner, LATER)
        with pytest.raises(GroupChangedError):
            await uow.groups.remove(read)
