"""Requests changing one group at once, on real databases: every change is kept, none is undone,
and the group's events carry consecutive versions. Requests adding one user to many groups at
once: no more get through than the user's allowance, kept in memory or in Redis."""

import asyncio
from collections.abc import AsyncIterator
from uuid import UUID

import pytest
from redis.asyncio import Redis

from contexts.groups.application.add_member import AddMember
from contexts.groups.application.additions import AdditionsUsedUpError
from contexts.groups.application.create_group import CreateGroup
from contexts.groups.application.get_group import GetGroup
from contexts.groups.application.group_changes import CHANGE_ATTEMPTS
from contexts.groups.domain.errors import AlreadyMemberError
from contexts.groups.domain.snapshot import GroupSnapshot
from infra.limits.rate_limit import Rate
from infra.limits.token_buckets import shared_token_bucket
from kernel.clock import SystemClock
from kernel.ids import new_id
from tests.clock import SteppedClock
from tests.groups.adapters.conftest import UnitOfWorkFactory
from tests.groups.builders import MEMBER_LIMIT, Cast, addition_limit


async def stored_group(unit_of_work: UnitOfWorkFactory, cast: Cast, *known: UUID) -> GroupSnapshot:
    """The cast's owner's new group, and `known` users who may join it."""
    async with unit_of_work() as uow:
        for user_id in known:
            await uow.known_users.add(user_id)
        await uow.commit()
    clock = SteppedClock()
    return await CreateGroup(unit_of_work, clock, MEMBER_LIMIT, addition_limit(clock))(
        cast.owner, "Book club", []
    )


async def test_concurrent_additions_are_all_kept(unit_of_work: UnitOfWorkFactory) -> None:
    # Each round of a race has one winner, so as many as CHANGE_ATTEMPTS always get through.
    cast, newcomers = Cast(), [new_id() for _ in range(CHANGE_ATTEMPTS)]
    group = await stored_group(unit_of_work, cast, *newcomers)
    clock = SteppedClock()
    add_member = AddMember(unit_of_work, clock, MEMBER_LIMIT, addition_limit(clock))

    added = await asyncio.gather(
        *(add_member(cast.owner, group_id=group.id, user_id=user_id, role="member") for user_id in newcomers)
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
    clock = SteppedClock()
    add_member = AddMember(unit_of_work, clock, MEMBER_LIMIT, addition_limit(clock))

    outcomes = await asyncio.gather(
        *(add_member(cast.owner, group_id=group.id, user_id=newcomer, role="member") for _ in range(2)),
        return_exceptions=True,
    )

    [refused] = [outcome for outcome in outcomes if not isinstance(outcome, GroupSnapshot)]
    assert isinstance(refused, AlreadyMemberError)


@pytest.fixture
async def redis_or_none(redis_url_or_none: str | None) -> AsyncIterator[Redis | None]:
    if redis_url_or_none is None:
        yield None
        return
    client = Redis.from_url(redis_url_or_none)
    yield client
    await client.aclose()


async def test_of_many_adding_one_user_at_once_only_the_allowance_gets_through(
    unit_of_work: UnitOfWorkFactory, redis_or_none: Redis | None
) -> None:
    additions = Rate(per_second=1 / 3600, burst=3)
    victim, adders = new_id(), [Cast() for _ in range(3 * additions.burst)]
    groups = [await stored_group(unit_of_work, adder, victim) for adder in adders]
    clock = SystemClock()  # Redis reads its own; the victim is new, so their bucket holds no other counts
    limit = shared_token_bucket("additions to groups", additions, redis_or_none, clock)
    add_member = AddMember(unit_of_work, clock, MEMBER_LIMIT, limit)

    outcomes = await asyncio.gather(
        *(
            add_member(adder.owner, group_id=group.id, user_id=victim, role="member")
            for adder, group in zip(adders, groups, strict=True)
        ),
        return_exceptions=True,
    )

    added = [outcome for outcome in outcomes if isinstance(outcome, GroupSnapshot)]
    refused = [outcome for outcome in outcomes if not isinstance(outcome, GroupSnapshot)]
    assert len(added) == additions.burst
    assert all(isinstance(refusal, AdditionsUsedUpError) for refusal in refused), refused
    async with unit_of_work() as uow:
        owners = [adder.owner for adder in adders]
        assert len(await uow.groups.sharing_a_group_with(victim, owners)) == additions.burst
