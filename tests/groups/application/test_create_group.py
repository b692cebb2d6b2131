import pytest

from contexts.groups.application.known_users import UnknownUsersError
from contexts.groups.contracts.events import GroupCreated, PublishedMember
from contexts.groups.domain.role import Role
from kernel.errors import InvalidValueError
from kernel.ids import new_id
from kernel.rfc3339 import rfc3339
from tests.groups.application.conftest import Groups
from tests.groups.builders import Cast


async def test_a_created_group_is_stored_and_published(groups: Groups, cast: Cast) -> None:
    groups.know(cast.member)

    group = await groups.create_group(cast.owner, "  Book club ", [cast.member])

    assert group.name == "Book club"
    assert {(m.user_id, m.role) for m in group.members} == {
        (cast.owner, Role.OWNER),
        (cast.member, Role.MEMBER),
    }
    assert await groups.get_group(cast.member, group.id) == group
    [event] = groups.database.outbox
    assert (event.type, event.source, event.subject) == (GroupCreated.TYPE, "groups", str(group.id))
    joined_at = rfc3339(groups.clock.now())
    assert GroupCreated.from_event(event) == GroupCreated(
        group_id=str(group.id),
        version=1,
        name="Book club",
        owner_id=str(cast.owner),
        members=[
            PublishedMember(user_id=str(m.user_id), role=m.role.value, joined_at=joined_at)
            for m in group.members
        ],
        created_at=joined_at,
        actor_id=str(cast.owner),
    )


async def test_the_creator_need_not_be_known_yet_and_may_list_themselves(groups: Groups, cast: Cast) -> None:
    group = await groups.create_group(cast.owner, "Solo", [cast.owner])

    assert [(m.user_id, m.role) for m in group.members] == [(cast.owner, Role.OWNER)]


async def test_unknown_users_are_refused_naming_them_and_nothing_is_stored(
    groups: Groups, cast: Cast
) -> None:
    groups.know(cast.member)
    strangers = sorted([new_id(), new_id()])

    with pytest.raises(UnknownUsersError) as refused:
        await groups.create_group(cast.owner, "Book club", [cast.member, *strangers])

    assert refused.value.field == "member_ids"
    assert refused.value.detail == f"no such users: {strangers[0]}, {strangers[1]}"
    assert groups.database.groups == {}
    assert groups.database.outbox == []


@pytest.mark.parametrize("name", ["", "  ", "x" * 101, "a\x00b"])
async def test_an_invalid_name_is_refused(groups: Groups, cast: Cast, name: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        await groups.create_group(cast.owner, name, [])

    assert refused.value.field == "name"
    assert groups.database.groups == {}
