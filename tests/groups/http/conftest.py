"""Groups' routes, served by the whole monolith, with one user in each relation to a group.

The monolith and its cast of users are made once for each module; each test makes groups of
its own, so no test sees another's changes.
"""

from typing import Any

import pytest

from tests.api import ChatApi, User
from tests.cast import Cast, cast_of

Json = dict[str, Any]


@pytest.fixture(scope="module")
async def cast(module_monolith: ChatApi) -> Cast:
    return await cast_of(module_monolith)


async def create_group(user: User, name: str = "Book club", member_ids: list[str] | None = None) -> Json:
    response = await user.client.post("/api/v1/groups", json={"name": name, "member_ids": member_ids or []})
    assert response.status_code == 201, response.text
    group: Json = response.json()
    return group


@pytest.fixture
async def group(cast: Cast) -> Json:
    """A new group of the cast's owner, in which the admin is an admin and the member a member."""
    group = await create_group(cast.owner, member_ids=[cast.member.id])
    response = await cast.owner.client.post(
        f"/api/v1/groups/{group['id']}/members", json={"user_id": cast.admin.id, "role": "admin"}
    )
    assert response.status_code == 201, response.text
    created: Json = response.json()
    return created


def roles(group: Json) -> dict[str, str]:
    return {member["user_id"]: member["role"] for member in group["members"]}
