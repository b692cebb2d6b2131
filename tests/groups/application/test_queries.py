from datetime import timedelta

import pytest

from contexts.groups.application.list_groups import GroupPage
from contexts.groups.domain.errors import GroupNotFoundError
from contexts.groups.ports.group_listing import LISTED_MEMBERS
from kernel.cursor import cursor_of
from kernel.errors import InvalidValueError
from kernel.ids import new_id
from tests.groups.application.conftest import Groups
from tests.groups.builders import Cast


@pytest.mark.parametrize("reader", ["owner", "admin", "member"])
async def test_members_see_their_group(groups: Groups, cast: Cast, reader: str) -> None:
    group = await groups.group_of(cast)

    assert await groups.get_group(getattr(cast, reader), group.id) == group


async def test_to_outsiders_a_group_does_not_exist(groups: Groups, cast: Cast) -> None:
    group = await groups.group_of(cast)

    with pytest.raises(GroupNotFoundError):
        await groups.get_group(cast.outsider, group.id)
    with pytest.raises(GroupNotFoundError):
        await groups.get_group(cast.owner, new_id())


async def test_a_user_lists_the_groups_they_belong_to_oldest_first(groups: Groups, cast: Cast) -> None:
    first = await groups.group_of(cast, "First")
    groups.clock.advance(timedelta(seconds=1))
    others = await groups.create_group(cast.outsider, "Not theirs", [])
    second = await groups.create_group(cast.member, "Second", [])

    assert await groups.listed(cast.member) == [first.id, second.id]
    assert await groups.listed(cast.outsider) == [others.id]
    assert await groups.listed(new_id()) == []


async def test_a_list_of_groups_is_paged_from_where_the_last_page_ended(groups: Groups, cast: Cast) -> None:
    """Groups created at the same moment are ordered by id, so a page that ends among them goes
    on with the next one; none is listed twice or skipped."""
    created = [(await groups.create_group(cast.owner, f"Group {n}", [])).id for n in range(5)]

    pages: list[GroupPage] = [await groups.list_groups(cast.owner, cursor=None, limit=2)]
    while pages[-1].next_cursor is not None and len(pages) < 4:
        pages.append(await groups.list_groups(cast.owner, cursor=pages[-1].next_cursor, limit=2))

    assert [len(page.items) for page in pages] == [2, 2, 1]
    assert [group.id for page in pages for group in page.items] == sorted(created)


async def test_a_listed_group_names_a_few_members_and_counts_them_all(groups: Groups, cast: Cast) -> None:
    crowd = [new_id() for _ in range(LISTED_MEMBERS + 5)]
    groups.know(*crowd)
    group = await groups.create_group(cast.owner, "Crowd", crowd)

    (listed,) = (await groups.list_groups(crowd[-1], cursor=None, limit=10)).items

    assert (listed.id, listed.owner_id, listed.member_count) == (group.id, cast.owner, len(crowd) + 1)
    assert listed.members == group.members[:LISTED_MEMBERS]


@pytest.mark.parametrize(
    "cursor",
    [
        "nonsense",
        cursor_of((1, 2)),
        cursor_of((1, "not an id")),
        cursor_of((10**18, str(new_id()))),  # beyond the year 9999
    ],
)
async def test_a_cursor_the_list_did_not_give_is_refused(groups: Groups, cast: Cast, cursor: str) -> None:
    with pytest.raises(InvalidValueError):
        await groups.list_groups(cast.owner, cursor=cursor, limit=10)
