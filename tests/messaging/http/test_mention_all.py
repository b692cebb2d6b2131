"""`@all` over HTTP: in a group of more than 15 participants (the default) only its owners and
admins may write it; anyone else's send or edit with it is a 403 problem of its own type."""

import httpx
import pytest

from kernel.ids import new_id
from tests.api import ChatApi, User
from tests.eventually import eventually
from tests.messaging.http.chat import create_group, direct_conversation, message_path, posted, send
from tests.problems import assert_problem
from tests.resilience.documented import assert_documented

MESSAGES = "/api/v1/conversations/{conversation_id}/messages"
MESSAGE = "/api/v1/conversations/{conversation_id}/messages/{message_id}"


def assert_forbidden(response: httpx.Response) -> None:
    problem = assert_problem(response, 403)
    assert problem["type"].endswith("/mention-all-forbidden")
    assert "owners and admins" in problem["detail"]
    assert "15" in problem["detail"]


@pytest.fixture
async def large(monolith: ChatApi) -> tuple[User, User, User, str]:
    """A group of 16: its owner, an admin, a member and 13 more members; and the group's id."""
    owner, admin, member, *others = [await monolith.sign_up() for _ in range(16)]
    group_id = await create_group(owner, admin, member, *others)
    promoted = await owner.client.patch(
        f"/api/v1/groups/{group_id}/members/{admin.id}", json={"role": "admin"}
    )
    assert promoted.status_code == 200, promoted.text
    return owner, admin, member, group_id


async def test_in_a_group_of_16_a_member_may_not_mention_everyone(
    large: tuple[User, User, User, str],
) -> None:
    _, _, member, group_id = large

    async def refused() -> None:  # 404 until messaging hears of the membership
        response = await send(member, group_id, "@all lunch?", client_message_id=str(new_id()))
        assert_forbidden(response)
        assert_documented("POST", MESSAGES, response)

    await eventually(refused)
    assert (await posted(member, group_id, "lunch, all?"))["seq"] == 1


async def test_nor_edit_it_in(large: tuple[User, User, User, str]) -> None:
    _, _, member, group_id = large
    message = await posted(member, group_id, "lunch?")

    response = await member.client.patch(message_path(group_id, message["id"]), json={"body": "@all lunch?"})

    assert_forbidden(response)
    assert_documented("PATCH", MESSAGE, response)


async def test_in_a_group_of_16_owners_and_admins_may(large: tuple[User, User, User, str]) -> None:
    owner, admin, _, group_id = large

    # The admin's role reaches messaging a little after the membership: 403 until then.
    by_admin = await posted(admin, group_id, "@all release at 5")
    by_owner = await posted(owner, group_id, "@all thanks")
    edited = await admin.client.patch(
        message_path(group_id, by_admin["id"]), json={"body": "@all release at 6"}
    )

    assert (by_admin["body"], by_owner["body"]) == ("@all release at 5", "@all thanks")
    assert edited.status_code == 200, edited.text


async def test_in_a_group_of_15_and_in_a_direct_conversation_anyone_may(monolith: ChatApi) -> None:
    owner, member, *others = [await monolith.sign_up() for _ in range(15)]
    group_id = await create_group(owner, member, *others)

    direct_id = await direct_conversation(owner, member)

    assert (await posted(member, group_id, "@all lunch?"))["body"] == "@all lunch?"
    assert (await posted(member, direct_id, "@all lunch?"))["body"] == "@all lunch?"
