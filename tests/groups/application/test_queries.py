from datetime import timedelta

import pytest

from contexts.groups.domain.errors import GroupNotFoundError
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

    assert await groups.list_groups(cast.member) == [first, second]
    assert await groups.list_groups(cast.outsider) == [others]
    assert await groups.list_groups(new_id()) == []
