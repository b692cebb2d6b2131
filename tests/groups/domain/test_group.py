from collections.abc import Callable
from uuid import UUID

import pytest

from contexts.groups.domain.errors import (
    AlreadyMemberError,
    GroupFullError,
    GroupNotFoundError,
    MemberNotFoundError,
    OwnerCannotLeaveError,
    OwnerStaysOwnerError,
)
from contexts.groups.domain.events import (
    GroupCreated,
    GroupDeleted,
    GroupEvent,
    GroupRenamed,
    MemberAdded,
    MemberRemoved,
    MemberRoleChanged,
)
from contexts.groups.domain.group import Group
from contexts.groups.domain.group_name import GroupName
from contexts.groups.domain.membership import Membership
from contexts.groups.domain.role import Role
from kernel.errors import DomainError, InvalidValueError, PermissionDeniedError
from kernel.ids import new_id
from tests.groups.builders import LATER, MEMBER_LIMIT, NOW, Cast, a_group


@pytest.fixture
def cast() -> Cast:
    return Cast()


@pytest.fixture
def group(cast: Cast) -> Group:
    return a_group(cast)


def roles(group: Group) -> dict[UUID, Role]:
    return {member.user_id: member.role for member in group.members}


def test_the_creator_owns_a_new_group_and_the_listed_users_are_members() -> None:
    owner, alice, bob = new_id(), new_id(), new_id()

    group = Group.create(GroupName("Book club"), owner, [alice, bob], NOW, member_limit=MEMBER_LIMIT)

    assert (group.name, group.owner_id, group.version, group.created_at) == (
        GroupName("Book club"),
        owner,
        1,
        NOW,
    )
    assert roles(group) == {owner: Role.OWNER, alice: Role.MEMBER, bob: Role.MEMBER}
    assert {member.joined_at for member in group.members} == {NOW}
    assert group.pull_events() == [
        GroupCreated(group_id=group.id, version=1, actor_id=owner, occurred_at=NOW, group=group.snapshot)
    ]


def test_the_creator_listed_as_a_member_and_users_listed_twice_count_once() -> None:
    owner, alice = new_id(), new_id()

    group = Group.create(GroupName("Book club"), owner, [alice, owner, alice], NOW, member_limit=MEMBER_LIMIT)

    assert roles(group) == {owner: Role.OWNER, alice: Role.MEMBER}


def test_a_group_may_be_created_with_as_many_members_as_the_limit_and_no_more() -> None:
    owner, alice, bob = new_id(), new_id(), new_id()

    full = Group.create(GroupName("Trio"), owner, [alice, bob], NOW, member_limit=3)
    with pytest.raises(InvalidValueError) as refused:
        Group.create(GroupName("Quartet"), owner, [alice, bob, new_id()], NOW, member_limit=3)

    assert len(full.members) == 3
    assert refused.value.field == "member_ids"


def test_a_full_group_takes_no_more_members_and_stays_as_it_was(group: Group, cast: Cast) -> None:
    limit = len(group.members) + 1
    group.add_member(actor_id=cast.owner, user_id=new_id(), role=Role.MEMBER, now=LATER, member_limit=limit)
    before = (group.snapshot, group.pull_events())

    with pytest.raises(GroupFullError):
        group.add_member(
            actor_id=cast.owner, user_id=new_id(), role=Role.MEMBER, now=LATER, member_limit=limit
        )

    assert (group.snapshot, group.pull_events()) == (before[0], [])
    assert len(group.members) == limit


def test_members_are_listed_in_the_order_they_joined_and_by_id_among_those_who_joined_at_once(
    cast: Cast,
) -> None:
    group = Group.create(
        GroupName("Book club"), cast.owner, [cast.member, cast.admin], NOW, member_limit=MEMBER_LIMIT
    )
    newcomer = new_id()
    group.add_member(
        actor_id=cast.owner, user_id=newcomer, role=Role.MEMBER, now=LATER, member_limit=MEMBER_LIMIT
    )

    founders = sorted([cast.owner, cast.member, cast.admin])
    assert [member.user_id for member in group.members] == [*founders, newcomer]
    assert group.snapshot.members == group.members


def test_a_snapshot_is_the_group_as_it_is(group: Group, cast: Cast) -> None:
    snapshot = group.snapshot

    assert (snapshot.id, snapshot.version, snapshot.name, snapshot.created_at) == (
        group.id,
        2,
        "Book club",
        NOW,
    )
    assert snapshot.owner_id == cast.owner
    assert snapshot.members == group.members


@pytest.mark.parametrize("renamer", ["owner", "admin"])
def test_the_owner_or_an_admin_renames_the_group(group: Group, cast: Cast, renamer: str) -> None:
    actor = getattr(cast, renamer)

    group.rename(actor, GroupName("Reading circle"), LATER)

    assert (group.name, group.version) == (GroupName("Reading circle"), 3)
    assert group.pull_events() == [
        GroupRenamed(group_id=group.id, version=3, actor_id=actor, occurred_at=LATER, name="Reading circle")
    ]


def test_the_same_name_again_changes_nothing(group: Group, cast: Cast) -> None:
    group.rename(cast.owner, GroupName("Book club"), LATER)

    assert group.version == 2
    assert group.pull_events() == []


@pytest.mark.parametrize(
    ("adder", "role"), [("owner", Role.MEMBER), ("owner", Role.ADMIN), ("admin", Role.MEMBER)]
)
def test_the_owner_adds_members_and_admins_and_an_admin_adds_members(
    group: Group, cast: Cast, adder: str, role: Role
) -> None:
    actor, newcomer = getattr(cast, adder), new_id()

    group.add_member(actor_id=actor, user_id=newcomer, role=role, now=LATER, member_limit=MEMBER_LIMIT)

    assert Membership(newcomer, role, LATER) in group.members
    assert group.version == 3
    assert group.pull_events() == [
        MemberAdded(
            group_id=group.id,
            version=3,
            actor_id=actor,
            occurred_at=LATER,
            member=Membership(newcomer, role, LATER),
            group_name="Book club",
        )
    ]


@pytest.mark.parametrize("existing", ["owner", "admin", "member"])
def test_a_member_is_not_added_twice(group: Group, cast: Cast, existing: str) -> None:
    with pytest.raises(AlreadyMemberError):
        group.add_member(
            actor_id=cast.owner,
            user_id=getattr(cast, existing),
            role=Role.MEMBER,
            now=LATER,
            member_limit=MEMBER_LIMIT,
        )


def test_nobody_is_added_as_owner(group: Group, cast: Cast) -> None:
    with pytest.raises(InvalidValueError) as refused:
        group.add_member(
            actor_id=cast.owner, user_id=new_id(), role=Role.OWNER, now=LATER, member_limit=MEMBER_LIMIT
        )
    assert refused.value.field == "role"


@pytest.mark.parametrize(("from_role", "to_role"), [(Role.MEMBER, Role.ADMIN), (Role.ADMIN, Role.MEMBER)])
def test_the_owner_changes_roles(group: Group, cast: Cast, from_role: Role, to_role: Role) -> None:
    user_id = cast.member if from_role is Role.MEMBER else cast.admin

    group.change_role(actor_id=cast.owner, user_id=user_id, role=to_role, now=LATER)

    assert roles(group)[user_id] is to_role
    assert group.version == 3
    assert group.pull_events() == [
        MemberRoleChanged(
            group_id=group.id,
            version=3,
            actor_id=cast.owner,
            occurred_at=LATER,
            user_id=user_id,
            role=to_role,
        )
    ]


def test_the_same_role_again_changes_nothing(group: Group, cast: Cast) -> None:
    group.change_role(actor_id=cast.owner, user_id=cast.admin, role=Role.ADMIN, now=LATER)
    group.change_role(actor_id=cast.owner, user_id=cast.owner, role=Role.OWNER, now=LATER)

    assert group.version == 2
    assert group.pull_events() == []


@pytest.mark.parametrize("heir", ["admin", "member"])
def test_making_a_member_the_owner_hands_ownership_over(group: Group, cast: Cast, heir: str) -> None:
    new_owner = getattr(cast, heir)

    group.change_role(actor_id=cast.owner, user_id=new_owner, role=Role.OWNER, now=LATER)

    assert group.owner_id == new_owner
    assert roles(group)[cast.owner] is Role.ADMIN
    assert [member.role for member in group.members].count(Role.OWNER) == 1
    assert group.pull_events() == [
        MemberRoleChanged(
            group_id=group.id,
            version=3,
            actor_id=cast.owner,
            occurred_at=LATER,
            user_id=new_owner,
            role=Role.OWNER,
        )
    ]


@pytest.mark.parametrize(
    ("remover", "removed"), [("owner", "admin"), ("owner", "member"), ("admin", "member")]
)
def test_the_owner_or_an_admin_removes_others(group: Group, cast: Cast, remover: str, removed: str) -> None:
    actor, user_id = getattr(cast, remover), getattr(cast, removed)

    group.remove_member(actor_id=actor, user_id=user_id, now=LATER)

    assert user_id not in roles(group)
    assert group.version == 3
    assert group.pull_events() == [
        MemberRemoved(group_id=group.id, version=3, actor_id=actor, occurred_at=LATER, user_id=user_id)
    ]


def test_an_admin_removes_another_admin(group: Group, cast: Cast) -> None:
    other_admin = new_id()
    group.add_member(
        actor_id=cast.owner, user_id=other_admin, role=Role.ADMIN, now=NOW, member_limit=MEMBER_LIMIT
    )

    group.remove_member(actor_id=cast.admin, user_id=other_admin, now=LATER)

    assert other_admin not in roles(group)


@pytest.mark.parametrize("leaver", ["admin", "member"])
def test_anyone_but_the_owner_leaves(group: Group, cast: Cast, leaver: str) -> None:
    user_id = getattr(cast, leaver)

    group.remove_member(actor_id=user_id, user_id=user_id, now=LATER)

    assert not group.is_member(user_id)
    assert group.pull_events() == [
        MemberRemoved(group_id=group.id, version=3, actor_id=user_id, occurred_at=LATER, user_id=user_id)
    ]


def test_an_owner_who_is_the_last_member_leaving_deletes_the_group(cast: Cast) -> None:
    group = Group.create(GroupName("Solo"), cast.owner, [], NOW, member_limit=MEMBER_LIMIT)
    group.pull_events()

    group.remove_member(actor_id=cast.owner, user_id=cast.owner, now=LATER)

    assert group.is_deleted
    assert group.pull_events() == [
        GroupDeleted(group_id=group.id, version=2, actor_id=cast.owner, occurred_at=LATER)
    ]


def test_the_owner_deletes_the_group(group: Group, cast: Cast) -> None:
    group.delete(cast.owner, LATER)

    assert group.is_deleted
    assert group.version == 3
    assert group.pull_events() == [
        GroupDeleted(group_id=group.id, version=3, actor_id=cast.owner, occurred_at=LATER)
    ]


def test_a_deleted_group_has_no_members_and_takes_no_more_changes(group: Group, cast: Cast) -> None:
    group.delete(cast.owner, LATER)

    assert not group.is_member(cast.owner)
    with pytest.raises(GroupNotFoundError):
        group.rename(cast.owner, GroupName("Again"), LATER)


def test_each_change_raises_the_version_by_one_and_its_event_carries_it(cast: Cast) -> None:
    group = Group.create(GroupName("Book club"), cast.owner, [], NOW, member_limit=MEMBER_LIMIT)
    group.add_member(
        actor_id=cast.owner, user_id=cast.admin, role=Role.ADMIN, now=NOW, member_limit=MEMBER_LIMIT
    )
    group.add_member(
        actor_id=cast.admin, user_id=cast.member, role=Role.MEMBER, now=NOW, member_limit=MEMBER_LIMIT
    )
    group.rename(cast.admin, GroupName("Reading circle"), NOW)
    group.change_role(actor_id=cast.owner, user_id=cast.member, role=Role.ADMIN, now=NOW)
    group.remove_member(actor_id=cast.member, user_id=cast.member, now=NOW)
    group.delete(cast.owner, NOW)

    versions = [event.version for event in group.pull_events() if isinstance(event, GroupEvent)]
    assert versions == [1, 2, 3, 4, 5, 6, 7]


Refusal = tuple[Callable[[Group, Cast], None], type[DomainError]]

REFUSED: dict[str, Refusal] = {
    "a member renames": (lambda g, c: g.rename(c.member, GroupName("Mine"), LATER), PermissionDeniedError),
    "a member adds": (
        lambda g, c: g.add_member(
            actor_id=c.member, user_id=new_id(), role=Role.MEMBER, now=LATER, member_limit=MEMBER_LIMIT
        ),
        PermissionDeniedError,
    ),
    "an admin adds an admin": (
        lambda g, c: g.add_member(
            actor_id=c.admin, user_id=new_id(), role=Role.ADMIN, now=LATER, member_limit=MEMBER_LIMIT
        ),
        PermissionDeniedError,
    ),
    "an admin changes a role": (
        lambda g, c: g.change_role(actor_id=c.admin, user_id=c.member, role=Role.ADMIN, now=LATER),
        PermissionDeniedError,
    ),
    "a member changes a role": (
        lambda g, c: g.change_role(actor_id=c.member, user_id=c.member, role=Role.ADMIN, now=LATER),
        PermissionDeniedError,
    ),
    "the owner demotes themselves": (
        lambda g, c: g.change_role(actor_id=c.owner, user_id=c.owner, role=Role.ADMIN, now=LATER),
        OwnerStaysOwnerError,
    ),
    "a role for a non-member": (
        lambda g, c: g.change_role(actor_id=c.owner, user_id=c.outsider, role=Role.ADMIN, now=LATER),
        MemberNotFoundError,
    ),
    "a member removes another": (
        lambda g, c: g.remove_member(actor_id=c.member, user_id=c.admin, now=LATER),
        PermissionDeniedError,
    ),
    "an admin removes the owner": (
        lambda g, c: g.remove_member(actor_id=c.admin, user_id=c.owner, now=LATER),
        PermissionDeniedError,
    ),
    "removing a non-member": (
        lambda g, c: g.remove_member(actor_id=c.owner, user_id=c.outsider, now=LATER),
        MemberNotFoundError,
    ),
    "the owner leaves others behind": (
        lambda g, c: g.remove_member(actor_id=c.owner, user_id=c.owner, now=LATER),
        OwnerCannotLeaveError,
    ),
    "an admin deletes": (lambda g, c: g.delete(c.admin, LATER), PermissionDeniedError),
    "a member deletes": (lambda g, c: g.delete(c.member, LATER), PermissionDeniedError),
    "an outsider renames": (lambda g, c: g.rename(c.outsider, GroupName("Mine"), LATER), GroupNotFoundError),
    "an outsider adds": (
        lambda g, c: g.add_member(
            actor_id=c.outsider, user_id=c.outsider, role=Role.MEMBER, now=LATER, member_limit=MEMBER_LIMIT
        ),
        GroupNotFoundError,
    ),
    "an outsider changes a role": (
        lambda g, c: g.change_role(actor_id=c.outsider, user_id=c.member, role=Role.ADMIN, now=LATER),
        GroupNotFoundError,
    ),
    "an outsider removes": (
        lambda g, c: g.remove_member(actor_id=c.outsider, user_id=c.member, now=LATER),
        GroupNotFoundError,
    ),
    "an outsider leaves": (
        lambda g, c: g.remove_member(actor_id=c.outsider, user_id=c.outsider, now=LATER),
        GroupNotFoundError,
    ),
    "an outsider deletes": (lambda g, c: g.delete(c.outsider, LATER), GroupNotFoundError),
}


@pytest.mark.parametrize("refusal", REFUSED.values(), ids=REFUSED.keys())
def test_a_refused_change_changes_nothing(group: Group, cast: Cast, refusal: Refusal) -> None:
    attempt, error = refusal
    before = group.snapshot

    with pytest.raises(error):
        attempt(group, cast)

    assert group.snapshot == before
    assert not group.is_deleted
    assert group.pull_events() == []
