"""The group repository's contract, on SQLite, on PostgreSQL and in the application tests' fake."""

from datetime import timedelta

from contexts.groups.domain.group import Group
from contexts.groups.domain.group_name import GroupName
from contexts.groups.domain.role import Role
from contexts.groups.ports.group_listing import LISTED_MEMBERS, GroupListing
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.groups.adapters.conftest import UnitOfWorkFactory
from tests.groups.builders import LATER, MEMBER_LIMIT, NOW, Cast, a_group

pytestmark = ALSO_ON_THE_FAKE


async def test_a_group_is_read_as_it_was_stored(unit_of_work: UnitOfWorkFactory, group: Group) -> None:
    async with unit_of_work() as uow:
        stored = await uow.groups.get(group.id)
        assert await uow.groups.get(new_id()) is None

    assert stored is not None
    assert stored.snapshot == group.snapshot


async def test_every_kind_of_change_is_stored(
    unit_of_work: UnitOfWorkFactory, group: Group, cast: Cast
) -> None:
    newcomer = new_id()
    async with unit_of_work() as uow:
        changed = await uow.groups.get(group.id)
        assert changed is not None
        changed.rename(cast.owner, GroupName("Reading circle"), LATER)
        changed.add_member(
            actor_id=cast.admin, user_id=newcomer, role=Role.MEMBER, now=LATER, member_limit=MEMBER_LIMIT
        )
        changed.change_role(actor_id=cast.owner, user_id=cast.member, role=Role.OWNER, now=LATER)
        changed.remove_member(actor_id=cast.member, user_id=cast.admin, now=LATER)
        await uow.groups.save(changed)
        await uow.commit()

    async with unit_of_work() as uow:
        stored = await uow.groups.get(group.id)
    assert stored is not None
    assert stored.snapshot == changed.snapshot
    assert stored.version == group.version + 4


async def test_a_group_is_saved_again_in_the_transaction_that_read_it(
    unit_of_work: UnitOfWorkFactory, group: Group, cast: Cast
) -> None:
    async with unit_of_work() as uow:
        changed = await uow.groups.get(group.id)
        assert changed is not None
        changed.rename(cast.owner, GroupName("First"), LATER)
        await uow.groups.save(changed)
        changed.rename(cast.owner, GroupName("Second"), LATER)
        await uow.groups.save(changed)
        await uow.commit()

    async with unit_of_work() as uow:
        stored = await uow.groups.get(group.id)
    assert stored is not None
    assert (stored.name, stored.version) == (GroupName("Second"), group.version + 2)


async def test_a_removed_group_is_gone_with_its_members(
    unit_of_work: UnitOfWorkFactory, group: Group, cast: Cast
) -> None:
    async with unit_of_work() as uow:
        deleted = await uow.groups.get(group.id)
        assert deleted is not None
        deleted.delete(cast.owner, LATER)
        await uow.groups.remove(deleted)
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.groups.get(group.id) is None
        assert await uow.groups.listed_for(cast.member, after=None, count=10) == []


async def test_a_users_contacts_are_those_who_share_a_group_with_them(
    unit_of_work: UnitOfWorkFactory, group: Group, cast: Cast
) -> None:
    other_group_member, stranger = new_id(), new_id()
    other = Group.create(
        GroupName("Other"), cast.member, [other_group_member], NOW, member_limit=MEMBER_LIMIT
    )
    async with unit_of_work() as uow:
        await uow.groups.add(other)
        await uow.commit()

    async with unit_of_work() as uow:
        everyone = [cast.owner, cast.admin, cast.member, other_group_member, stranger]
        assert await uow.groups.sharing_a_group_with(cast.owner, everyone) == {
            cast.owner,
            cast.admin,
            cast.member,
        }
        assert await uow.groups.sharing_a_group_with(cast.member, everyone) == set(everyone) - {stranger}
        assert await uow.groups.sharing_a_group_with(stranger, everyone) == set()
        assert await uow.groups.sharing_a_group_with(cast.owner, []) == set()


async def test_members_of_a_removed_group_are_no_longer_contacts(
    unit_of_work: UnitOfWorkFactory, group: Group, cast: Cast
) -> None:
    async with unit_of_work() as uow:
        deleted = await uow.groups.get(group.id)
        assert deleted is not None
        deleted.delete(cast.owner, LATER)
        await uow.groups.remove(deleted)
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.groups.sharing_a_group_with(cast.owner, [cast.admin, cast.member]) == set()


async def test_a_member_lists_their_groups_oldest_first(unit_of_work: UnitOfWorkFactory, cast: Cast) -> None:
    newer = Group.create(
        GroupName("Newer"), cast.member, [], NOW + timedelta(days=1), member_limit=MEMBER_LIMIT
    )
    older = a_group(cast, "Older")
    others = Group.create(GroupName("Others"), cast.outsider, [], NOW, member_limit=MEMBER_LIMIT)
    async with unit_of_work() as uow:
        for group in (newer, older, others):
            await uow.groups.add(group)
        await uow.commit()

    async with unit_of_work() as uow:
        listed = await uow.groups.listed_for(cast.member, after=None, count=10)
        after_older = await uow.groups.listed_for(cast.member, after=listed[0].position, count=10)

    assert [group.id for group in listed] == [older.id, newer.id]
    assert [group.id for group in after_older] == [newer.id]
    assert (listed[0].name, listed[0].owner_id, listed[0].created_at) == ("Older", cast.owner, NOW)
    assert (listed[0].members, listed[0].member_count) == (older.snapshot.members, len(older.members))


async def test_groups_created_at_once_are_listed_by_id_and_paged_through(
    unit_of_work: UnitOfWorkFactory, cast: Cast
) -> None:
    created = [a_group(cast, f"Group {n}") for n in range(5)]  # all at NOW
    async with unit_of_work() as uow:
        for group in created:
            await uow.groups.add(group)
        await uow.commit()

    pages: list[list[GroupListing]] = []
    async with unit_of_work() as uow:
        while (not pages or len(pages[-1]) == 2) and len(pages) < 4:
            after = pages[-1][-1].position if pages else None
            pages.append(await uow.groups.listed_for(cast.member, after=after, count=2))

    assert [group.id for page in pages for group in page] == sorted(group.id for group in created)


async def test_a_listed_group_names_its_first_members_and_its_owner_and_counts_them_all(
    unit_of_work: UnitOfWorkFactory, cast: Cast
) -> None:
    crowd = [new_id() for _ in range(LISTED_MEMBERS + 5)]
    group = Group.create(GroupName("Crowd"), cast.owner, crowd, NOW, member_limit=MEMBER_LIMIT)
    last = group.snapshot.members[-1].user_id
    group.change_role(
        actor_id=cast.owner, user_id=last, role=Role.OWNER, now=LATER
    )  # an owner beyond the members listed
    async with unit_of_work() as uow:
        await uow.groups.add(group)
        await uow.commit()

    async with unit_of_work() as uow:
        (listed,) = await uow.groups.listed_for(crowd[-1], after=None, count=10)

    assert (listed.owner_id, listed.member_count) == (last, len(crowd) + 1)
    assert listed.members == group.snapshot.members[:LISTED_MEMBERS]


async def test_nothing_is_stored_without_a_commit(
    unit_of_work: UnitOfWorkFactory, group: Group, cast: Cast
) -> None:
    async with unit_of_work() as uow:
        changed = await uow.groups.get(group.id)
        assert changed is not None
        changed.remove_member(actor_id=cast.owner, user_id=cast.member, now=LATER)
        await uow.groups.save(changed)

    async with unit_of_work() as uow:
        stored = await uow.groups.get(group.id)
    assert stored is not None
    assert stored.snapshot == group.snapshot
