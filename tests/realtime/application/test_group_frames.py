"""Groups tell realtime each change alone; realtime keeps its copy of each group to show its members
the whole group after the change, once however often the change is told."""

from uuid import UUID

import pytest

from contexts.realtime.adapters.inbound.events.consumer import EventDelivery
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from kernel.integration_event import IntegrationEvent
from kernel.versions import VersionGapError
from tests.messaging.group_story import GroupStory
from tests.realtime.application.conftest import Realtime, users

Seen = dict[UUID, list[Frame]]


async def watching(realtime: Realtime, *user_ids: UUID) -> Seen:
    seen: Seen = {user_id: [] for user_id in user_ids}
    for user_id in user_ids:
        await realtime.sockets.pubsub.subscribe(user_id, seen[user_id].append)
    return seen


def shown(frames: list[Frame]) -> list[tuple[str, dict[str, str]]]:
    """Each group.updated frame as the group's name and its members' roles."""
    return [
        (frame.data["name"], {m["user_id"]: m["role"] for m in frame.data["members"]})
        for frame in frames
        if frame.type == FrameType.GROUP_UPDATED
    ]


async def told(realtime: Realtime, *events: IntegrationEvent) -> None:
    await EventDelivery(realtime.delivery)(list(events))


@pytest.mark.parametrize("whole", [False, True], ids=["changes", "before-version-2"])
async def test_members_see_the_group_after_each_change_and_a_removed_member_their_removal(
    realtime: Realtime, whole: bool
) -> None:
    owner, bob, carol = users(3)
    seen = await watching(realtime, owner, bob, carol)
    group = GroupStory(owner, "Crew", whole=whole)

    await told(realtime, group.created(bob))
    await told(realtime, group.member_added(carol), group.role_changed(bob, "owner"))
    await told(realtime, group.member_removed(carol), group.renamed("Crew II"))

    o, b, c = str(owner), str(bob), str(carol)
    assert shown(seen[owner]) == [
        ("Crew", {o: "owner", b: "member"}),
        ("Crew", {o: "owner", b: "member", c: "member"}),
        ("Crew", {o: "admin", b: "owner", c: "member"}),
        ("Crew", {o: "admin", b: "owner"}),
        ("Crew II", {o: "admin", b: "owner"}),
    ]
    assert shown(seen[carol]) == shown(seen[owner])[1:4]
    assert seen[owner][-1].data["owner_id"] == b


async def test_a_change_told_again_is_not_shown_again(realtime: Realtime) -> None:
    owner, bob = users(2)
    seen = await watching(realtime, owner)
    group = GroupStory(owner)
    created, added = group.created(), group.member_added(bob)
    await told(realtime, created, added)

    await told(realtime, created, added)

    assert len(shown(seen[owner])) == 2


async def test_a_change_that_skips_ahead_is_refused(realtime: Realtime) -> None:
    owner, bob, carol = users(3)
    group = GroupStory(owner)
    await told(realtime, group.created())
    group.member_added(bob)

    with pytest.raises(VersionGapError):
        await told(realtime, group.member_added(carol))


async def test_a_change_to_a_group_never_heard_of_is_refused(realtime: Realtime) -> None:
    owner, bob = users(2)
    group = GroupStory(owner)
    group.created()

    with pytest.raises(VersionGapError):
        await told(realtime, group.member_added(bob))
