"""Malformed requests to groups' routes are 422 problems naming what is wrong, never a 500."""

import json
from uuid import uuid4

import pytest

from tests.api import ChatApi
from tests.cast import Cast
from tests.groups.http.conftest import Json
from tests.problems import assert_problem, escaped_json

BAD_NAMES = [
    "",
    "   ",
    "x" * 101,
    "Book\x00club",
    "Book\nclub",
    "\x1b[31mred",
    "lone \ud800",
    "Book\u202eclub",
    "Book\u200bclub",
    "\u3164",
    42,
    None,
    ["x"],
]
BAD_IDS = ["not-a-uuid", "1", "x" * 1000, "%00", "00000000-0000-4000-8000-00000000000g"]


@pytest.mark.parametrize("name", BAD_NAMES)
async def test_a_bad_name_is_refused_on_creation(cast: Cast, name: object) -> None:
    response = await cast.owner.client.post("/api/v1/groups", **escaped_json({"name": name}))

    problem = assert_problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == ["name"]


@pytest.mark.parametrize("name", BAD_NAMES)
async def test_a_bad_name_is_refused_on_renaming(cast: Cast, group: Json, name: object) -> None:
    response = await cast.owner.client.patch(f"/api/v1/groups/{group['id']}", **escaped_json({"name": name}))

    problem = assert_problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == ["name"]


@pytest.mark.parametrize(
    "member_ids",
    ["not a list", ["not-a-uuid"], [1], [None], [str(uuid4()) for _ in range(101)]],
)
async def test_malformed_member_ids_are_refused(cast: Cast, member_ids: object) -> None:
    response = await cast.owner.client.post(
        "/api/v1/groups", json={"name": "Book club", "member_ids": member_ids}
    )

    problem = assert_problem(response, 422)
    assert {error["field"].split(".")[0] for error in problem["errors"]} == {"member_ids"}


async def test_unknown_users_are_refused_by_id(cast: Cast) -> None:
    stranger = str(uuid4())

    response = await cast.owner.client.post(
        "/api/v1/groups", json={"name": "Book club", "member_ids": [cast.member.id, stranger]}
    )

    problem = assert_problem(response, 422)
    assert problem["errors"] == [{"field": "member_ids", "message": f"no such users: {stranger}"}]


@pytest.mark.parametrize(
    "body",
    [{}, {"user_id": "nope"}, {"user_id": None}, {"role": "member"}, {"user_id": "USER", "role": "owner"}],
)
async def test_a_malformed_new_member_is_refused(cast: Cast, group: Json, body: Json) -> None:
    body = {key: cast.newcomer.id if value == "USER" else value for key, value in body.items()}

    response = await cast.owner.client.post(f"/api/v1/groups/{group['id']}/members", json=body)

    assert_problem(response, 422)


@pytest.mark.parametrize("role", ["owner", "boss", "", "ADMIN", 1, None])
async def test_a_new_member_joins_as_member_or_admin_only(cast: Cast, group: Json, role: object) -> None:
    response = await cast.owner.client.post(
        f"/api/v1/groups/{group['id']}/members", json={"user_id": cast.newcomer.id, "role": role}
    )

    problem = assert_problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == ["role"]


async def test_an_unknown_user_is_not_added(cast: Cast, group: Json) -> None:
    stranger = str(uuid4())

    response = await cast.owner.client.post(
        f"/api/v1/groups/{group['id']}/members", json={"user_id": stranger}
    )

    problem = assert_problem(response, 422)
    assert problem["errors"] == [{"field": "user_id", "message": f"no such users: {stranger}"}]


@pytest.mark.parametrize("body", [{}, {"role": "boss"}, {"role": ""}, {"role": None}, {"role": ["admin"]}])
async def test_a_malformed_role_change_is_refused(cast: Cast, group: Json, body: Json) -> None:
    response = await cast.owner.client.patch(
        f"/api/v1/groups/{group['id']}/members/{cast.member.id}", json=body
    )

    problem = assert_problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == ["role"]


async def test_a_role_for_a_non_member_is_a_404(cast: Cast, group: Json) -> None:
    response = await cast.owner.client.patch(
        f"/api/v1/groups/{group['id']}/members/{cast.outsider.id}", json={"role": "admin"}
    )

    assert_problem(response, 404)


async def test_removing_a_non_member_is_a_404(cast: Cast, group: Json) -> None:
    assert_problem(
        await cast.owner.client.delete(f"/api/v1/groups/{group['id']}/members/{cast.outsider.id}"), 404
    )


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"who_can_add_me": "nobody"},
        {"who_can_add_me": ""},
        {"who_can_add_me": "Contacts"},
        {"who_can_add_me": None},
        {"who_can_add_me": 1},
        {"who_can_add_me": ["contacts"]},
    ],
)
async def test_a_malformed_choice_of_who_may_add_one_is_refused_and_changes_nothing(
    module_monolith: ChatApi, body: Json
) -> None:
    user = await module_monolith.sign_up()
    await user.client.put("/api/v1/groups/settings", json={"who_can_add_me": "contacts"})

    response = await user.client.put("/api/v1/groups/settings", json=body)

    problem = assert_problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == ["who_can_add_me"]
    assert (await user.client.get("/api/v1/groups/settings")).json() == {"who_can_add_me": "contacts"}


@pytest.mark.parametrize("bad_id", BAD_IDS)
@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/v1/groups/{bad}", None),
        ("PATCH", "/api/v1/groups/{bad}", {"name": "Renamed"}),
        ("DELETE", "/api/v1/groups/{bad}", None),
        ("POST", "/api/v1/groups/{bad}/members", {"user_id": "00000000-0000-4000-8000-000000000000"}),
        ("PATCH", "/api/v1/groups/{group}/members/{bad}", {"role": "admin"}),
        ("DELETE", "/api/v1/groups/{group}/members/{bad}", None),
    ],
)
async def test_a_malformed_id_in_the_path_is_a_422(
    cast: Cast, group: Json, bad_id: str, method: str, path: str, body: Json | None
) -> None:
    response = await cast.owner.client.request(method, path.format(bad=bad_id, group=group["id"]), json=body)

    assert_problem(response, 422)


@pytest.mark.parametrize(
    "content", [b"", b"{", b"not json", b"[]", b'"Book club"', b"null", b'{"name": 1e999}']
)
async def test_a_body_that_is_no_json_object_is_a_422(cast: Cast, group: Json, content: bytes) -> None:
    headers = {"content-type": "application/json"}
    for method, path in [
        ("POST", "/api/v1/groups"),
        ("PATCH", f"/api/v1/groups/{group['id']}"),
        ("PUT", "/api/v1/groups/settings"),
    ]:
        response = await cast.owner.client.request(method, path, content=content, headers=headers)
        assert_problem(response, 422)


async def test_refused_input_changes_nothing(cast: Cast, group: Json) -> None:
    await cast.owner.client.patch(f"/api/v1/groups/{group['id']}", content=json.dumps({"name": "\x00"}))

    assert (await cast.owner.client.get(f"/api/v1/groups/{group['id']}")).json() == group
