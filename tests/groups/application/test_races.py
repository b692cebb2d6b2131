"""Requests that change one group at once: none undoes another, and the loser is decided again."""

from uuid import UUID

import pytest

from contexts.groups.application.group_changes import CHANGE_ATTEMPTS
from contexts.groups.contracts.events import GroupRenamed, MemberAdded
from contexts.groups.domain.errors import AlreadyMemberError
from contexts.groups.ports.group_repository import GroupChangedError
from kernel.ids import new_id
from tests.groups.application.conftest import Groups
from tests.groups.builders import Cast


async def test_a_change_that_lost_a_race_is_made_again_on_the_winners_group(
    groups: Groups, cast: Cast
) -> None:
    group = await groups.group_of(cast)
    bob, carol = new_id(), new_id()
    groups.know(bob, carol)
    groups.database.before_group_writes.append(
        lambda: groups.add_member(cast.owner, group_id=group.id, user_id=carol, role="member")
    )

    added = await groups.add_member(cast.admin, group_id=group.id, user_id=bob, role="member")

    assert {bob, carol} <= {member.user_id for member in added.members}
    assert added.version == 4
    assert [(MemberAdded.from_event(e).user_id, e.data["version"]) for e in groups.database.outbox[-2:]] == [
        (str(carol), 3),
        (str(bob), 4),
    ]


async def test_of_two_adding_the_same_user_the_second_learns_they_are_a_member(
    groups: Groups, cast: Cast
) -> None:
    group = await groups.group_of(cast)
    bob = new_id()
    groups.know(bob)
    groups.database.before_group_writes.append(
        lambda: groups.add_member(cast.owner, group_id=group.id, user_id=bob, role="member")
    )

    with pytest.raises(AlreadyMemberError):
        await groups.add_member(cast.admin, group_id=group.id, user_id=bob, role="member")

    assert [e.type for e in groups.database.outbox].count(MemberAdded.TYPE) == 2  # the admin's and bob's


async def test_a_change_that_keeps_losing_gives_up_with_a_conflict(groups: Groups, cast: Cast) -> None:
    group = await groups.group_of(cast)

    async def another_request_changes(group_id: UUID) -> None:
        groups.database.groups[group_id].version += 1

    groups.database.before_group_writes.extend([lambda: another_request_changes(group.id)] * CHANGE_ATTEMPTS)

    with pytest.raises(GroupChangedError):
        await groups.rename_group(cast.owner, group_id=group.id, name="Renamed")

    assert groups.database.before_group_writes == []
    assert GroupRenamed.TYPE not in {event.type for event in groups.database.outbox}
