"""Others may put a user into only so many groups in a while, however many of them there are;
only additions that would happen count."""

from datetime import timedelta
from uuid import UUID

import pytest

from contexts.groups.application.additions import AdditionRefusedError, AdditionsUsedUpError
from contexts.groups.contracts.events import MemberAdded
from contexts.groups.domain.errors import AlreadyMemberError
from kernel.ids import new_id
from tests.groups.application.conftest import Groups
from tests.groups.builders import ADDITIONS

BURST = ADDITIONS.burst


async def group_of_someone(groups: Groups) -> tuple[UUID, UUID]:
    """A new user, and the new group they own."""
    owner = new_id()
    return owner, (await groups.create_group(owner, "Theirs", [])).id


async def put_into_groups(groups: Groups, user_id: UUID, times: int) -> None:
    """By as many different people, each adding them to a group of their own."""
    for _ in range(times):
        owner, group_id = await group_of_someone(groups)
        await groups.add_member(owner, group_id=group_id, user_id=user_id, role="member")


@pytest.fixture
def victim(groups: Groups) -> UUID:
    user_id = new_id()
    groups.know(user_id)
    return user_id


async def test_one_addition_beyond_the_allowance_is_refused_naming_the_user(
    groups: Groups, victim: UUID
) -> None:
    await put_into_groups(groups, victim, BURST)
    owner, group_id = await group_of_someone(groups)
    published = len(groups.database.outbox)

    with pytest.raises(AdditionsUsedUpError) as refused:
        await groups.add_member(owner, group_id=group_id, user_id=victim, role="member")

    assert refused.value.retry_after_seconds == 3600
    assert refused.value.detail == f"{victim} was added to too many groups lately; try again in 3600 s."
    assert [member.user_id for member in (await groups.get_group(owner, group_id)).members] == [owner]
    assert len(groups.database.outbox) == published


async def test_other_users_may_still_be_added(groups: Groups, victim: UUID) -> None:
    await put_into_groups(groups, victim, BURST)
    someone_else = new_id()
    groups.know(someone_else)

    await put_into_groups(groups, someone_else, BURST)


async def test_creating_groups_with_them_counts_as_adding_them(groups: Groups, victim: UUID) -> None:
    for _ in range(BURST):
        await groups.create_group(new_id(), "With them", [victim])

    with pytest.raises(AdditionsUsedUpError):
        await groups.create_group(new_id(), "One too many", [victim])
    assert len(groups.database.groups) == BURST


async def test_creating_groups_of_ones_own_costs_nothing(groups: Groups, victim: UUID) -> None:
    for _ in range(BURST + 1):
        await groups.create_group(victim, "Mine", [victim])

    await put_into_groups(groups, victim, BURST)


async def test_the_allowance_comes_back_at_its_rate(groups: Groups, victim: UUID) -> None:
    await put_into_groups(groups, victim, BURST)
    groups.clock.advance(timedelta(seconds=1 / ADDITIONS.per_second))

    await put_into_groups(groups, victim, 1)
    with pytest.raises(AdditionsUsedUpError):
        await put_into_groups(groups, victim, 1)


async def test_refused_additions_cost_the_user_nothing(groups: Groups, victim: UUID) -> None:
    owner, group_id = await group_of_someone(groups)
    await groups.add_member(owner, group_id=group_id, user_id=victim, role="member")
    await groups.choose_who_can_add(victim, "contacts")
    for _ in range(BURST):
        with pytest.raises(AlreadyMemberError):
            await groups.add_member(owner, group_id=group_id, user_id=victim, role="member")
        stranger, strangers_group = await group_of_someone(groups)
        with pytest.raises(AdditionRefusedError):
            await groups.add_member(stranger, group_id=strangers_group, user_id=victim, role="member")
    await groups.choose_who_can_add(victim, "everyone")

    await put_into_groups(groups, victim, BURST - 1)


async def test_an_addition_decided_again_after_a_lost_race_counts_once(groups: Groups, victim: UUID) -> None:
    owner, group_id = await group_of_someone(groups)
    someone_else = new_id()
    groups.know(someone_else)
    groups.database.before_group_writes.append(
        lambda: groups.add_member(owner, group_id=group_id, user_id=someone_else, role="member")
    )

    await groups.add_member(owner, group_id=group_id, user_id=victim, role="member")

    added = [MemberAdded.from_event(event).user_id for event in groups.database.outbox[-2:]]
    assert added == [str(someone_else), str(victim)]
    await put_into_groups(groups, victim, BURST - 1)
