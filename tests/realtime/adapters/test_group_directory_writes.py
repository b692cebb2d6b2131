"""The SQL GroupDirectory writes what a change changes, however large the group."""

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from contexts.realtime.adapters.outbound.sqlalchemy.group_directory import SqlAlchemyGroupDirectory
from contexts.realtime.domain.group import Group, GroupChange, Member
from kernel.ids import new_id
from tests.rows_written import rows_written

CREATED, LATER = "2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z"


async def test_the_thousandth_addition_writes_the_group_row_and_the_member_row(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    groups = SqlAlchemyGroupDirectory(sessions)
    group = Group(
        new_id(),
        1,
        "Crew",
        CREATED,
        (Member(new_id(), "owner", CREATED), *(Member(new_id(), "member", CREATED) for _ in range(998))),
    )
    await groups.replace(group)

    with rows_written(engine) as written:
        await groups.apply(GroupChange(group.id, 2, joined=Member(new_id(), "member", LATER)))

    assert sum(written) == 2
    assert len((await groups.group(group.id)).members) == 1000
