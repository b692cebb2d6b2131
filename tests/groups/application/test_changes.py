"""Each change to a group is stored with its integration event, and a refused one leaves neither."""

import json
from collections.abc import Awaitable, Callable
from datetime import timedelta
from uuid import UUID

import pytest

from contexts.groups.application.add_member import AddMember
from contexts.groups.application.known_users import UnknownUsersError
from contexts.groups.contracts import events as published
from contexts.groups.domain.errors import (
    AlreadyMemberError,
    GroupFullError,
    GroupNotFoundError,
    MemberNotFoundError,
    OwnerCannotLeaveError,
)
from contexts.groups.domain.role import Role
from contexts.groups.domain.snapshot import GroupSnapshot
from kernel.errors import DomainError, InvalidValueError, PermissionDeniedError
from kernel.ids import new_id
from kernel.rfc3339 import rfc3339
from tests.groups.application.conftest import Groups
from tests.groups.application.fakes import FakeGroupsUnitOfWork
from tests.groups.builders import MEMBER_LIMIT, Cast, addition_limit


@pytest.fixture
async def group(groups: Groups, cast: Cast) -> GroupSnapshot:
    """The cast's group, stored and published; the clock then moves on."""
    group = await groups.group_of(cast)
    groups.clock.advance(timedelta(minutes=1))
    return group


def roles(group: GroupSnapshot) -> dict[UUID, Role]:
    return {member.user_id: member.role for member in group.members}


async def test_a_rename_is_stored_and_published(groups: Groups, cast: Cast, group: GroupSnapshot) -> None:
    renamed = await groups.rename_group(cast.admin, group_id=group.id, name=" Reading circle ")

    assert (renamed.name, renamed.version) == ("Reading circle", 3)
    assert await groups.get_group(cast.member, group.id) == renamed
    event = published.GroupRenamed.from_event(groups.database.outbox[-1])
    assert (event.group_id, event.version, event.name, event.actor_id) == (
        str(group.id),
        3,
        "Reading circle",
        str(cast.admin),
    )


async def test_an_added_member_is_stored_and_published(
    groups: Groups, cast: Cast, group: GroupSnapshot
) -> None:
    newcomer = new_id()
    groups.know(newcomer)

    added = await groups.add_member(cast.admin, group_id=group.id, user_id=newcomer, role="member")

    assert roles(added)[newcomer] is Role.MEMBER
    assert await groups.get_group(newcomer, group.id) == added
    event = published.MemberAdded.from_event(groups.database.outbox[-1])
    assert event == published.MemberAdded(
        group_id=str(group.id),
        version=3,
        actor_id=str(cast.admin),
        user_id=str(newcomer),
        role="member",
        joined_at=rfc3339(groups.clock.now()),
        name=group.name,
    )
    assert "members" not in groups.database.outbox[-1].data


async def test_an_unknown_user_is_not_added(groups: Groups, cast: Cast, group: GroupSnapshot) -> None:
    stranger = new_id()

    with pytest.raises(UnknownUsersError) as refused:
        await groups.add_member(cast.owner, group_id=group.id, user_id=stranger, role="member")

    assert (refused.value.field, refused.value.detail) == ("user_id", f"no such users: {stranger}")
    assert await groups.get_group(cast.owner, group.id) == group


async def test_a_member_is_not_added_to_a_group_at_the_limit(
    groups: Groups, cast: Cast, group: GroupSnapshot
) -> None:
    add_to_a_group_of_three = AddMember(
        lambda: FakeGroupsUnitOfWork(groups.database), groups.clock, 3, addition_limit(groups.clock)
    )
    published_before = len(groups.database.outbox)

    with pytest.raises(GroupFullError):
        await add_to_a_group_of_three(cast.owner, group_id=group.id, user_id=cast.outsider, role="member")

    assert await groups.get_group(cast.owner, group.id) == group
    assert len(groups.database.outbox) == published_before


@pytest.mark.parametrize(
    ("adder", "refusal"),
    [("outsider", GroupNotFoundError), ("member", PermissionDeniedError)],
)
async def test_who_may_not_add_members_does_not_learn_whether_a_user_exists(
    groups: Groups, cast: Cast, group: GroupSnapshot, adder: str, refusal: type[DomainError]
) -> None:
    with pytest.raises(refusal):
        await groups.add_member(getattr(cast, adder), group_id=group.id, user_id=new_id(), role="member")


async def test_a_role_change_is_stored_and_published(
    groups: Groups, cast: Cast, group: GroupSnapshot
) -> None:
    changed = await groups.change_member_role(
        cast.owner, group_id=group.id, user_id=cast.member, role="admin"
    )

    assert roles(changed)[cast.member] is Role.ADMIN
    event = published.MemberRoleChanged.from_event(groups.database.outbox[-1])
    assert (event.user_id, event.role, event.version) == (str(cast.member), "admin", 3)


async def test_handing_ownership_over_is_published_with_the_new_owner(
    groups: Groups, cast: Cast, group: GroupSnapshot
) -> None:
    changed = await groups.change_member_role(
        cast.owner, group_id=group.id, user_id=cast.member, role="owner"
    )

    assert (changed.owner_id, roles(changed)[cast.owner]) == (cast.member, Role.ADMIN)
    event = published.MemberRoleChanged.from_event(groups.database.outbox[-1])
    assert (event.user_id, event.role) == (str(cast.member), "owner")


@pytest.mark.parametrize(("remover", "removed"), [("admin", "member"), ("member", "member")])
async def test_a_removal_or_a_departure_is_stored_and_published(
    groups: Groups, cast: Cast, group: GroupSnapshot, remover: str, removed: str
) -> None:
    actor, user_id = getattr(cast, remover), getattr(cast, removed)

    await groups.remove_member(actor, group_id=group.id, user_id=user_id)

    assert user_id not in roles(await groups.get_group(cast.owner, group.id))
    with pytest.raises(GroupNotFoundError):
        await groups.get_group(user_id, group.id)
    event = published.MemberRemoved.from_event(groups.database.outbox[-1])
    assert (event.user_id, event.actor_id, event.version) == (str(user_id), str(actor), 3)


async def test_a_deleted_group_is_gone_and_published(
    groups: Groups, cast: Cast, group: GroupSnapshot
) -> None:
    await groups.delete_group(cast.owner, group_id=group.id)

    assert groups.database.groups == {}
    assert await groups.listed(cast.member) == []
    event = published.GroupDeleted.from_event(groups.database.outbox[-1])
    assert event == published.GroupDeleted(group_id=str(group.id), version=3, actor_id=str(cast.owner))


async def test_an_owner_leaving_last_deletes_the_group(groups: Groups, cast: Cast) -> None:
    group = await groups.create_group(cast.owner, "Solo", [])

    await groups.remove_member(cast.owner, group_id=group.id, user_id=cast.owner)

    assert groups.database.groups == {}
    event = published.GroupDeleted.from_event(groups.database.outbox[-1])
    assert (event.group_id, event.version) == (str(group.id), 2)


Command = Callable[[Groups, Cast, UUID], Awaitable[object]]

COMMANDS: dict[str, Command] = {
    "rename": lambda g, c, group_id: g.rename_group(c.owner, group_id=group_id, name="Renamed"),
    "add": lambda g, c, group_id: g.add_member(c.owner, group_id=group_id, user_id=c.outsider, role="member"),
    "change a role": lambda g, c, group_id: g.change_member_role(
        c.owner, group_id=group_id, user_id=c.member, role="admin"
    ),
    "remove": lambda g, c, group_id: g.remove_member(c.owner, group_id=group_id, user_id=c.member),
    "delete": lambda g, c, group_id: g.delete_group(c.owner, group_id=group_id),
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
async def test_a_change_to_a_group_that_does_not_exist_is_refused(
    groups: Groups, cast: Cast, group: GroupSnapshot, command: Command
) -> None:
    with pytest.raises(GroupNotFoundError):
        await command(groups, cast, new_id())


REFUSED: dict[str, tuple[Command, type[DomainError]]] = {
    "a member renames": (
        lambda g, c, group_id: g.rename_group(c.member, group_id=group_id, name="Mine"),
        PermissionDeniedError,
    ),
    "an invalid name": (
        lambda g, c, group_id: g.rename_group(c.owner, group_id=group_id, name="\x00"),
        InvalidValueError,
    ),
    "an admin adds an admin": (
        lambda g, c, group_id: g.add_member(c.admin, group_id=group_id, user_id=c.outsider, role="admin"),
        PermissionDeniedError,
    ),
    "a member added twice": (
        lambda g, c, group_id: g.add_member(c.owner, group_id=group_id, user_id=c.member, role="member"),
        AlreadyMemberError,
    ),
    "an unknown role": (
        lambda g, c, group_id: g.add_member(c.owner, group_id=group_id, user_id=c.outsider, role="boss"),
        InvalidValueError,
    ),
    "an admin changes a role": (
        lambda g, c, group_id: g.change_member_role(
            c.admin, group_id=group_id, user_id=c.member, role="admin"
        ),
        PermissionDeniedError,
    ),
    "a role for an outsider": (
        lambda g, c, group_id: g.change_member_role(
            c.owner, group_id=group_id, user_id=c.outsider, role="admin"
        ),
        MemberNotFoundError,
    ),
    "the owner leaves others behind": (
        lambda g, c, group_id: g.remove_member(c.owner, group_id=group_id, user_id=c.owner),
        OwnerCannotLeaveError,
    ),
    "an admin deletes": (
        lambda g, c, group_id: g.delete_group(c.admin, group_id=group_id),
        PermissionDeniedError,
    ),
}


@pytest.mark.parametrize("refusal", REFUSED.values(), ids=REFUSED.keys())
async def test_a_refused_change_stores_and_publishes_nothing(
    groups: Groups, cast: Cast, group: GroupSnapshot, refusal: tuple[Command, type[DomainError]]
) -> None:
    command, error = refusal
    published_before = list(groups.database.outbox)

    with pytest.raises(error):
        await command(groups, cast, group.id)

    assert await groups.get_group(cast.owner, group.id) == group
    assert groups.database.outbox == published_before


@pytest.mark.parametrize(
    "command",
    [
        lambda g, c, group_id: g.rename_group(c.owner, group_id=group_id, name="Book club"),
        lambda g, c, group_id: g.change_member_role(
            c.owner, group_id=group_id, user_id=c.admin, role="admin"
        ),
    ],
    ids=["the same name", "the same role"],
)
async def test_a_change_to_what_already_is_publishes_nothing(
    groups: Groups, cast: Cast, group: GroupSnapshot, command: Command
) -> None:
    published_before = list(groups.database.outbox)

    assert await command(groups, cast, group.id) == group

    assert groups.database.outbox == published_before


async def test_the_thousandth_member_added_is_published_in_as_many_bytes_as_the_second(
    groups: Groups, cast: Cast
) -> None:
    others = [new_id() for _ in range(MEMBER_LIMIT - 2)]
    second, thousandth = new_id(), new_id()
    groups.know(*others, second, thousandth)
    small = await groups.create_group(cast.owner, "Book club", [])
    large = await groups.create_group(cast.owner, "Book club", others)

    await groups.add_member(cast.owner, group_id=small.id, user_id=second, role="member")
    to_small = groups.database.outbox[-1]
    await groups.add_member(cast.owner, group_id=large.id, user_id=thousandth, role="member")
    to_large = groups.database.outbox[-1]

    assert len((await groups.get_group(cast.owner, large.id)).members) == MEMBER_LIMIT
    assert len(json.dumps(to_large.data)) == len(json.dumps(to_small.data))
