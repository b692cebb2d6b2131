"""What every GroupDirectory does, on each database realtime runs on and in the application tests'
fake."""

import pytest

from contexts.realtime.adapters.outbound.sqlalchemy.group_directory import SqlAlchemyGroupDirectory
from contexts.realtime.domain.group import Group, GroupChange, Member
from contexts.realtime.ports.group_directory import GroupDirectory
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE, FAKE
from tests.realtime.application.fakes import FakeGroupDirectory

pytestmark = ALSO_ON_THE_FAKE

CREATED, LATER = "2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z"


@pytest.fixture
def groups(database_kind: str, request: pytest.FixtureRequest) -> GroupDirectory:
    if database_kind == FAKE:
        return FakeGroupDirectory()
    return SqlAlchemyGroupDirectory(request.getfixturevalue("sessions"))


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
