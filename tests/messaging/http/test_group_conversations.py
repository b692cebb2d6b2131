"""A group's conversation, driven through groups' routes: messaging follows the group's events.

Membership reaches messaging shortly after groups answers, so each step that depends on it
waits for it to arrive.
"""

import pytest

from kernel.ids import new_id
from tests.api import ChatApi, User
from tests.eventually import eventually
from tests.messaging.http.chat import create_group, message_path, posted, send
from tests.problems import assert_problem


async def refused(user: User, conversation_id: str, status: int) -> None:
    async def answered() -> None:
        assert_problem(await send(user, conversation_id, "anyone?", client_message_id=str(new_id())), status)

    await eventually(answered)


@pytest.fixture
async def crew(monolith: ChatApi) -> tuple[User, User, User, User, str]:
    """A group of an owner, an admin and a member, and Eve, who is not in it; and the group's id."""
    owner, admin, member, eve = [await monolith.sign_up(name) for name in ("owner", "admin", "member", "eve")]
    group_id = await create_group(owner, admin, member)
    promoted = await owner.client.patch(
        f"/api/v1/groups/{group_id}/members/{admin.id}", json={"role": "admin"}
    )
    assert promoted.status_code == 200, promoted.text
    return owner, admin, member, eve, group_id


async def test_members_post_in_the_conversation_that_has_the_groups_id(
    crew: tuple[User, User, User, User, str],
) -> None:
    owner, _, member, eve, group_id = crew

    message = await posted(member, group_id)

    assert (message["conversation_id"], message["seq"]) == (group_id, 1)
    assert (await posted(owner, group_id, "welcome"))["seq"] == 2
    assert_problem(await send(eve, group_id), 404)


async def test_owners_and_admins_delete_anyones_messages_members_only_their_own(
    crew: tuple[User, User, User, User, str],
) -> None:
    owner, admin, member, eve, group_id = crew
    by_member = await posted(member, group_id, "first")
    by_admin = await posted(admin, group_id, "second")

    async def deleted_by_admin() -> None:
        # Admin rights arrive with the role change, a little after the membership.
        assert (await admin.client.delete(message_path(group_id, by_member["id"]))).status_code == 204

    assert_problem(await member.client.delete(message_path(group_id, by_admin["id"])), 403)
    assert_problem(await eve.client.delete(message_path(group_id, by_admin["id"])), 404)
    assert_problem(await member.client.patch(message_path(group_id, by_admin["id"]), json={"body": "x"}), 403)
    await eventually(deleted_by_admin)
    assert (await owner.client.delete(message_path(group_id, by_admin["id"]))).status_code == 204


async def test_a_removed_member_no_longer_finds_the_conversation(
    crew: tuple[User, User, User, User, str],
) -> None:
    owner, _, member, _, group_id = crew
    await posted(member, group_id)

    removed = await owner.client.delete(f"/api/v1/groups/{group_id}/members/{member.id}")

    assert removed.status_code == 204, removed.text
    await refused(member, group_id, 404)


async def test_a_deleted_groups_conversation_takes_no_more_messages(
    crew: tuple[User, User, User, User, str],
) -> None:
    owner, _, member, _, group_id = crew
    message = await posted(member, group_id)

    deleted = await owner.client.delete(f"/api/v1/groups/{group_id}")

    assert deleted.status_code == 204, deleted.text
    await refused(member, group_id, 409)
    assert_problem(await member.client.patch(message_path(group_id, message["id"]), json={"body": "x"}), 409)
    assert_problem(await owner.client.delete(message_path(group_id, message["id"])), 409)
    read = await member.client.post(f"/api/v1/conversations/{group_id}/read", json={"seq": 1})
    assert read.status_code == 204
