"""A user chooses who may add them to groups; a stranger adding one who chose `contacts` is
refused, after the group's own rules, and nothing is stored."""

from collections.abc import Awaitable, Callable
from uuid import UUID

import pytest

from contexts.groups.application.additions import AdditionRefusedError
from contexts.groups.domain.errors import GroupNotFoundError
from contexts.groups.domain.snapshot import GroupSnapshot
from contexts.groups.domain.who_can_add import WhoCanAdd
from kernel.errors import DomainError, InvalidValueError, PermissionDeniedError
from kernel.ids import new_id
from tests.groups.application.conftest import Groups
from tests.groups.builders import Cast


@pytest.fixture
async def group(groups: Groups, cast: Cast) -> GroupSnapshot:
    return await groups.group_of(cast)


@pytest.fixture
async def shy(groups: Groups) -> UUID:
    """A user who lets only their contacts add them, and shares no group with anyone yet."""
    user_id = new_id()
    groups.know(user_id)
    await groups.choose_who_can_add(user_id, "contacts")
    return user_id


async def test_everyone_may_add_a_user_until_they_choose(groups: Groups, cast: Cast) -> None:
    assert await groups.get_who_can_add(cast.owner) is WhoCanAdd.EVERYONE


async def test_a_choice_is_kept_until_it_changes(groups: Groups, cast: Cast) -> None:
    assert await groups.choose_who_can_add(cast.member, "contacts") is WhoCanAdd.CONTACTS
    assert await groups.get_who_can_add(cast.member) is WhoCanAdd.CONTACTS
    assert await groups.get_who_can_add(cast.admin) is WhoCanAdd.EVERYONE

    await groups.choose_who_can_add(cast.member, "everyone")

    assert await groups.get_who_can_add(cast.member) is WhoCanAdd.EVERYONE


async def test_a_user_groups_has_not_heard_of_yet_may_choose(groups: Groups) -> None:
    newcomer = new_id()

    await groups.choose_who_can_add(newcomer, "contacts")

    assert await groups.get_who_can_add(newcomer) is WhoCanAdd.CONTACTS


@pytest.mark.parametrize("choice", ["", "nobody", "Contacts", "everyone "])
async def test_only_the_two_choices_are_taken(groups: Groups, cast: Cast, choice: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        await groups.choose_who_can_add(cast.member, choice)

    assert refused.value.field == "who_can_add_me"
    assert groups.database.who_can_add == {}


async def test_a_stranger_is_refused_naming_the_user_and_nothing_changes(
    groups: Groups, cast: Cast, group: GroupSnapshot, shy: UUID
) -> None:
    published = len(groups.database.outbox)

    with pytest.raises(AdditionRefusedError) as refused:
        await groups.add_member(cast.owner, group_id=group.id, user_id=shy, role="member")

    assert refused.value.detail == (
        f"this user accepts additions to groups only from people who already share a group with them: {shy}"
    )
    assert await groups.get_group(cast.owner, group.id) == group
    assert len(groups.database.outbox) == published


async def test_someone_who_shares_a_group_with_them_may_add_them(
    groups: Groups, cast: Cast, group: GroupSnapshot, shy: UUID
) -> None:
    await groups.choose_who_can_add(shy, "everyone")
    await groups.create_group(cast.admin, "Where they met", [shy])
    await groups.choose_who_can_add(shy, "contacts")
    with pytest.raises(AdditionRefusedError):  # the owner is in no group with them
        await groups.add_member(cast.owner, group_id=group.id, user_id=shy, role="member")

    added = await groups.add_member(cast.admin, group_id=group.id, user_id=shy, role="member")

    assert shy in {member.user_id for member in added.members}


async def test_choosing_everyone_again_lets_strangers_add_them(
    groups: Groups, cast: Cast, group: GroupSnapshot, shy: UUID
) -> None:
    await groups.choose_who_can_add(shy, "everyone")

    added = await groups.add_member(cast.owner, group_id=group.id, user_id=shy, role="member")

    assert shy in {member.user_id for member in added.members}


Adding = Callable[[Groups, Cast, UUID, UUID], Awaitable[object]]

BEFORE_CONSENT: dict[str, tuple[Adding, type[DomainError]]] = {
    "an outsider": (
        lambda g, c, group_id, user: g.add_member(c.outsider, group_id=group_id, user_id=user, role="member"),
        GroupNotFoundError,
    ),
    "a plain member": (
        lambda g, c, group_id, user: g.add_member(c.member, group_id=group_id, user_id=user, role="member"),
        PermissionDeniedError,
    ),
    "an admin adding an admin": (
        lambda g, c, group_id, user: g.add_member(c.admin, group_id=group_id, user_id=user, role="admin"),
        PermissionDeniedError,
    ),
}


@pytest.mark.parametrize(("adding", "refusal"), BEFORE_CONSENT.values(), ids=BEFORE_CONSENT.keys())
async def test_who_may_not_add_members_does_not_learn_what_the_user_chose(
    groups: Groups, cast: Cast, group: GroupSnapshot, shy: UUID, adding: Adding, refusal: type[DomainError]
) -> None:
    with pytest.raises(refusal) as refused:
        await adding(groups, cast, group.id, shy)

    assert not isinstance(refused.value, AdditionRefusedError)


async def test_a_group_created_with_strangers_who_refuse_is_not_created_and_names_them(
    groups: Groups, cast: Cast, shy: UUID
) -> None:
    other_shy = new_id()
    groups.know(cast.member, other_shy)
    await groups.choose_who_can_add(other_shy, "contacts")

    with pytest.raises(AdditionRefusedError) as refused:
        await groups.create_group(cast.owner, "Book club", [cast.member, shy, other_shy])

    assert refused.value.detail.startswith("these users accept additions to groups only from people")
    assert refused.value.detail.endswith(", ".join(sorted([str(shy), str(other_shy)])))
    assert groups.database.groups == {}
    assert groups.database.outbox == []


async def test_unknown_users_are_named_before_anyones_choice(groups: Groups, cast: Cast, shy: UUID) -> None:
    with pytest.raises(InvalidValueError) as refused:
        await groups.create_group(cast.owner, "Book club", [shy, new_id()])

    assert refused.value.field == "member_ids"
