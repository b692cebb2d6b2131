"""What every GroupDirectory does, on each database realtime runs on: a change writes what it changes,
however large the group."""

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from contexts.realtime.adapters.outbound.sqlalchemy.group_directory import SqlAlchemyGroupDirectory
from contexts.realtime.domain.group import Group, GroupChange, Member
from contexts.realtime.ports.group_directory import GroupDirectory
from kernel.ids import new_id
from tests.rows_written import rows_written

CREATED, LATER = "2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z"


@pytest.fixture
def groups(sessions: async_sessionmaker[AsyncSession]) -> GroupDirectory:
    return SqlAlchemyGroupDirectory(sessions)


def a_group(*members: Member, version: int = 1) -> Group:
    return Group(new_id(), version, "Crew", CREATED, members)


async def test_a_group_not_heard_of_is_at_version_0(groups: GroupDirectory) -> None:
    assert await groups.version(new_id()) == 0


async def test_a_whole_group_replaces_what_was_held(groups: GroupDirectory) -> None:
    owner, bob, carol = (
        Member(new_id(), "owner", CREATED),
        Member(new_id(), "member", CREATED),
        Member(new_id(), "admin", LATER),
    )
    group = a_group(owner, bob)
    await groups.replace(group)

    newer = Group(group.id, 4, "Crew II", CREATED, (owner, carol))
    await groups.replace(newer)

    assert await groups.group(group.id) == newer
    assert await groups.version(group.id) == 4


async def test_each_change_leaves_what_the_domain_says_it_does(groups: GroupDirectory) -> None:
    owner, bob, carol = Member(new_id(), "owner", CREATED), Member(new_id(), "member", CREATED), new_id()
    group = a_group(owner, bob)
    await groups.replace(group)
    changes = [
        GroupChange(group.id, 2, joined=Member(carol, "member", LATER)),
        GroupChange(group.id, 3, role_changed=(carol, "admin")),
        GroupChange(group.id, 4, name="Crew II"),
        GroupChange(group.id, 5, role_changed=(bob.user_id, "owner")),
        GroupChange(group.id, 6, left=carol),
        GroupChange(group.id, 7),
    ]

    for change in changes:
        await groups.apply(change)
        group = group.after(change)
        assert await groups.group(group.id) == group

    assert group.published()["owner_id"] == str(bob.user_id)
    assert {m.user_id: m.role for m in group.members} == {owner.user_id: "admin", bob.user_id: "owner"}


async def test_the_thousandth_addition_writes_the_group_row_and_the_member_row(
    groups: GroupDirectory, engine: AsyncEngine
) -> None:
    group = a_group(
        Member(new_id(), "owner", CREATED), *(Member(new_id(), "member", CREATED) for _ in range(998))
    )
    await groups.replace(group)

    with rows_written(engine) as written:
        await groups.apply(GroupChange(group.id, 2, joined=Member(new_id(), "member", LATER)))

    assert sum(written) == 2
    assert len((await groups.group(group.id)).members) == 1000
