"""Requests changing one group at once, on real databases: every change is kept, none is undone,
and the group's events carry consecutive versions."""

import asyncio
from uuid import UUID

from contexts.groups.application.add_member import AddMember
from contexts.groups.application.create_group import CreateGroup
from contexts.groups.application.get_group import GetGroup
from contexts.groups.application.group_changes import CHANGE_ATTEMPTS
from contexts.groups.domain.errors import AlreadyMemberError
from contexts.groups.domain.snapshot import GroupSnapshot
from kernel.ids import new_id
from tests.clock import SteppedClock
from tests.groups.adapters.conftest import UnitOfWorkFactory
from tests.groups.builders import MEMBER_LIMIT, Cast


async def stored_group(unit_of_work: UnitOfWorkFactory, cast: Cast, *known: UUID) -> GroupSnapshot:
    """The cast's owner's new group, and `known` users who may join it."""
    async with unit_of_work() as uow:
        for user_id in known:
            await uow.known_users.add(user_id)
        await uow.commit()
    return await CreateGroup(unit_of_work, SteppedClock(), MEMBER_LIMIT)(cast.owner, "Book club", [])


async def test_concurrent_additions_are_all_kept(unit_of_work: UnitOfWorkFactory) -> None:
    # Each round of a race has one winner, so as many as CHANGE_ATTEMPTS always get through.
    cast, newcomers = Cast(), [new_id() for _ in range(CHANGE_ATTEMPTS)]
    group = await stored_group(unit_of_work, cast, *newcomers)
    add_member = AddMember(unit_of_work, SteppedClock(), MEMBER_LIMIT)

    added = await asyncio.gather(
        *(add_member(cast.owner, group.id, user_id, "member") for user_id in newcomers)
    )

    final = await GetGroup(unit_of_work)(cast.owner, group.id)
    assert {member.user_id for member in final.members} == {cast.owner, *newcomers}
    assert sorted(snapshot.version for snapshot in added) == list(range(2, 2 + len(newcomers)))
    assert final.version == 1 + len(newcomers)


async def test_of_two_concurrent_additions_of_one_user_one_is_refused(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    cast, newcomer = Cast(), new_id()
    group = await stored_group(unit_of_work, cast, newcomer)
    add_member = AddMember(unit_of_work, SteppedClock(), MEMBER_LIMIT)

    outcomes = await asyncio.gather(
        *(add_member(cast.owner, group.id, newcomer, "member") for _ in range(2)), return_exceptions=True
    )

    [refused] = [outcome for outcome in outcomes if not isinstance(outcome, GroupSnapshot)]
    assert isinstance(refused, AlreadyMemberError)
