"""Who may add a user to groups, over HTTP: each user's own choice, read and changed at
`/api/v1/groups/settings`, and the 403 problem a stranger gets for a user who chose `contacts`."""

from typing import Any

import pytest

from tests.api import ChatApi, User
from tests.cast import Cast
from tests.groups.http.conftest import Json, create_group, roles
from tests.problems import assert_problem

SETTINGS = "/api/v1/groups/settings"
REFUSED = "https://hexchat.dev/problems/addition-refused"


async def choose(user: User, who_can_add_me: str) -> None:
    response = await user.client.put(SETTINGS, json={"who_can_add_me": who_can_add_me})
    assert (response.status_code, response.json()) == (200, {"who_can_add_me": who_can_add_me})


@pytest.fixture
async def shy(module_monolith: ChatApi) -> User:
    """A new user who lets only people sharing a group with them add them; groups knows them from
    their choice, before identity's registration may have arrived."""
    user = await module_monolith.sign_up()
    await choose(user, "contacts")
    return user


async def add(adder: User, group: Json, user: User) -> Any:
    return await adder.client.post(f"/api/v1/groups/{group['id']}/members", json={"user_id": user.id})


async def test_everyone_may_add_a_user_until_they_choose(module_monolith: ChatApi) -> None:
    user = await module_monolith.sign_up()

    response = await user.client.get(SETTINGS)

    assert (response.status_code, response.json()) == (200, {"who_can_add_me": "everyone"})


async def test_a_choice_is_the_callers_own_and_kept_until_it_changes(
    module_monolith: ChatApi, cast: Cast
) -> None:
    user = await module_monolith.sign_up()

    await choose(user, "contacts")

    assert (await user.client.get(SETTINGS)).json() == {"who_can_add_me": "contacts"}
    assert (await cast.outsider.client.get(SETTINGS)).json() == {"who_can_add_me": "everyone"}
    await choose(user, "everyone")
    assert (await user.client.get(SETTINGS)).json() == {"who_can_add_me": "everyone"}


async def test_a_stranger_adding_them_is_a_403_naming_the_reason_and_the_group_is_unchanged(
    cast: Cast, group: Json, shy: User
) -> None:
    response = await add(cast.owner, group, shy)

    problem = assert_problem(response, 403)
    assert (problem["type"], problem["title"]) == (REFUSED, "Addition refused")
    assert problem["detail"] == (
        "this user accepts additions to groups only from people who already share a group with them:"
        f" {shy.id}"
    )
    assert (await cast.owner.client.get(f"/api/v1/groups/{group['id']}")).json() == group


async def test_someone_who_shares_a_group_with_them_may_add_them(cast: Cast, group: Json, shy: User) -> None:
    await choose(shy, "everyone")
    await create_group(cast.admin, "Where they met", [shy.id])
    await choose(shy, "contacts")

    response = await add(cast.admin, group, shy)

    assert response.status_code == 201, response.text
    assert roles(response.json())[shy.id] == "member"


async def test_a_group_listing_them_is_not_created(module_monolith: ChatApi, cast: Cast, shy: User) -> None:
    creator = await module_monolith.sign_up()

    response = await creator.client.post(
        "/api/v1/groups", json={"name": "Book club", "member_ids": [cast.member.id, shy.id]}
    )

    problem = assert_problem(response, 403)
    assert problem["type"] == REFUSED
    assert problem["detail"].endswith(shy.id)
    assert (await creator.client.get("/api/v1/groups")).json()["items"] == []


async def test_choosing_everyone_again_lets_strangers_add_them(cast: Cast, group: Json, shy: User) -> None:
    await choose(shy, "everyone")

    assert (await add(cast.owner, group, shy)).status_code == 201
