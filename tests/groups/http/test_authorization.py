"""Who may do what to a group, route by route: the owner, an admin, a member, an outsider (who is
told the group does not exist) and an anonymous caller. A refused request changes nothing.
Settings are each caller's own, and whom a user lets add them is learnt only by those allowed to
add members."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.api import ChatApi
from tests.cast import Cast
from tests.groups.http.conftest import Json
from tests.problems import assert_problem


@dataclass(frozen=True)
class Route:
    method: str
    path: Callable[[Json, Cast], str]
    body: Callable[[Cast], Any] = lambda cast: None


GROUP = Route("GET", lambda g, c: f"/api/v1/groups/{g['id']}")
RENAME = Route("PATCH", lambda g, c: f"/api/v1/groups/{g['id']}", lambda c: {"name": "Renamed"})
ADD_MEMBER = Route(
    "POST", lambda g, c: f"/api/v1/groups/{g['id']}/members", lambda c: {"user_id": c.newcomer.id}
)
ADD_ADMIN = Route(
    "POST",
    lambda g, c: f"/api/v1/groups/{g['id']}/members",
    lambda c: {"user_id": c.newcomer.id, "role": "admin"},
)
PROMOTE = Route(
    "PATCH", lambda g, c: f"/api/v1/groups/{g['id']}/members/{c.member.id}", lambda c: {"role": "admin"}
)
REMOVE_MEMBER = Route("DELETE", lambda g, c: f"/api/v1/groups/{g['id']}/members/{c.member.id}")
REMOVE_ADMIN = Route("DELETE", lambda g, c: f"/api/v1/groups/{g['id']}/members/{c.admin.id}")
REMOVE_OWNER = Route("DELETE", lambda g, c: f"/api/v1/groups/{g['id']}/members/{c.owner.id}")
DELETE = Route("DELETE", lambda g, c: f"/api/v1/groups/{g['id']}")

ROLES = ("owner", "admin", "member", "outsider", "anonymous")

MATRIX: dict[str, tuple[Route, tuple[int, int, int, int, int]]] = {
    # route                           owner admin member outsider anonymous
    "read": (GROUP, (200, 200, 200, 404, 401)),
    "rename": (RENAME, (200, 200, 403, 404, 401)),
    "add a member": (ADD_MEMBER, (201, 201, 403, 404, 401)),
    "add an admin": (ADD_ADMIN, (201, 403, 403, 404, 401)),
    "change a role": (PROMOTE, (200, 403, 403, 404, 401)),
    "remove the member": (REMOVE_MEMBER, (204, 204, 204, 404, 401)),  # the member leaves
    "remove the admin": (REMOVE_ADMIN, (204, 204, 403, 404, 401)),  # the admin leaves
    "remove the owner": (REMOVE_OWNER, (409, 403, 403, 404, 401)),  # the owner may not leave
    "delete": (DELETE, (204, 403, 403, 404, 401)),
}

CASES = [
    pytest.param(route, role, status, id=f"{name}-as-{role}")
    for name, (route, statuses) in MATRIX.items()
    for role, status in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(("route", "role", "status"), CASES)
async def test_who_may_do_what(cast: Cast, group: Json, route: Route, role: str, status: int) -> None:
    response = await cast.client(role).request(route.method, route.path(group, cast), json=route.body(cast))

    if status < 400:
        assert response.status_code == status, response.text
    else:
        assert_problem(response, status)
        unchanged = await cast.owner.client.get(f"/api/v1/groups/{group['id']}")
        assert unchanged.json() == group


@pytest.mark.parametrize("role", ["owner", "admin", "member", "outsider"])
async def test_the_list_holds_only_the_callers_groups(cast: Cast, group: Json, role: str) -> None:
    response = await cast.client(role).get("/api/v1/groups")

    assert response.status_code == 200
    assert (group["id"] in [listed["id"] for listed in response.json()["items"]]) is (role != "outsider")


async def test_listing_groups_needs_a_token(cast: Cast) -> None:
    assert_problem(await cast.anonymous.get("/api/v1/groups"), 401)
    assert_problem(await cast.anonymous.post("/api/v1/groups", json={"name": "Book club"}), 401)


@pytest.mark.parametrize(("route", "statuses"), MATRIX.values(), ids=MATRIX.keys())
async def test_a_group_that_does_not_exist_is_a_404_for_anyone(
    cast: Cast, route: Route, statuses: tuple[int, ...]
) -> None:
    missing = {"id": "00000000-0000-4000-8000-000000000000"}

    response = await cast.owner.client.request(route.method, route.path(missing, cast), json=route.body(cast))

    assert_problem(response, 404)


SETTINGS = {
    "read": Route("GET", lambda g, c: "/api/v1/groups/settings"),
    "choose": Route("PUT", lambda g, c: "/api/v1/groups/settings", lambda c: {"who_can_add_me": "everyone"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", SETTINGS.values(), ids=SETTINGS.keys())
async def test_anyone_signed_in_reads_and_chooses_their_own_settings(
    cast: Cast, route: Route, role: str
) -> None:
    response = await cast.client(role).request(route.method, route.path({}, cast), json=route.body(cast))

    if role == "anonymous":
        assert_problem(response, 401)
    else:
        assert (response.status_code, response.json()) == (200, {"who_can_add_me": "everyone"})


ADDING_WHO_REFUSES_STRANGERS = {
    # role: the answer's status and problem type
    "owner": (403, "https://hexchat.dev/problems/addition-refused"),
    "admin": (403, "https://hexchat.dev/problems/addition-refused"),
    "member": (403, "https://hexchat.dev/problems/forbidden"),
    "outsider": (404, "https://hexchat.dev/problems/not-found"),
    "anonymous": (401, "https://hexchat.dev/problems/unauthorized"),
}


@pytest.mark.parametrize(("role", "answer"), ADDING_WHO_REFUSES_STRANGERS.items())
async def test_only_who_may_add_members_learns_that_a_user_refuses_strangers(
    module_monolith: ChatApi, cast: Cast, group: Json, role: str, answer: tuple[int, str]
) -> None:
    shy = await module_monolith.sign_up()
    chosen = await shy.client.put("/api/v1/groups/settings", json={"who_can_add_me": "contacts"})
    assert chosen.status_code == 200, chosen.text

    response = await cast.client(role).post(f"/api/v1/groups/{group['id']}/members", json={"user_id": shy.id})

    status, problem_type = answer
    assert assert_problem(response, status)["type"] == problem_type
    assert (await cast.owner.client.get(f"/api/v1/groups/{group['id']}")).json() == group
