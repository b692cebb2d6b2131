from typing import Any
from uuid import uuid4

import httpx
import pytest

from tests.identity.http.conftest import bearer, register, sign_in
from tests.problems import assert_problem


@pytest.fixture
async def alice(client: httpx.AsyncClient) -> dict[str, Any]:
    return await register(client)


@pytest.fixture
async def auth(client: httpx.AsyncClient, alice: dict[str, Any]) -> dict[str, str]:
    return bearer(await sign_in(client))


async def test_me_is_the_signed_in_user(
    client: httpx.AsyncClient, alice: dict[str, Any], auth: dict[str, str]
) -> None:
    response = await client.get("/api/v1/users/me", headers=auth)

    assert (response.status_code, response.json()) == (200, alice)


async def test_changing_the_display_name_answers_and_keeps_it(
    client: httpx.AsyncClient, alice: dict[str, Any], auth: dict[str, str]
) -> None:
    response = await client.patch("/api/v1/users/me", json={"display_name": " Alice Liddell "}, headers=auth)

    assert (response.status_code, response.json()) == (200, {**alice, "display_name": "Alice Liddell"})
    assert (await client.get(f"/api/v1/users/{alice['id']}", headers=auth)).json()[
        "display_name"
    ] == "Alice Liddell"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"display_name": ""},
        {"display_name": " "},
        {"display_name": "x" * 65},
        {"display_name": "a\x00b"},
        {"display_name": "a\u2066b"},
        {"display_name": None},
        {"display_name": 5},
    ],
)
async def test_an_invalid_display_name_is_a_422_problem(
    client: httpx.AsyncClient, auth: dict[str, str], body: dict[str, object]
) -> None:
    problem = assert_problem(await client.patch("/api/v1/users/me", json=body, headers=auth), 422)

    assert [error["field"] for error in problem["errors"]] == ["display_name"]


async def test_a_user_is_found_by_id(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    bob = await register(client, "bob", "Bob")

    response = await client.get(f"/api/v1/users/{bob['id']}", headers=auth)

    assert (response.status_code, response.json()) == (200, bob)


async def test_an_unknown_user_is_a_404_problem(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    assert_problem(await client.get(f"/api/v1/users/{uuid4()}", headers=auth), 404)


@pytest.mark.parametrize("user_id", ["not-a-uuid", "1", "%00", "x" * 1000])
async def test_a_malformed_user_id_is_a_422_problem(
    client: httpx.AsyncClient, auth: dict[str, str], user_id: str
) -> None:
    assert_problem(await client.get(f"/api/v1/users/{user_id}", headers=auth), 422)


async def search(client: httpx.AsyncClient, auth: dict[str, str], **params: str | int) -> list[str]:
    response = await client.get("/api/v1/users", params=params, headers=auth)
    assert response.status_code == 200, response.text
    assert response.json().keys() == {"items"}
    return [user["username"] for user in response.json()["items"]]


async def test_search_matches_username_or_display_name_prefixes_ignoring_case(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    await register(client, "bob", "ALICIA B.")
    await register(client, "carol", "Zoë")
    await register(client, "dave", "not alice")

    assert await search(client, auth, q="aLi") == ["alice", "bob"]
    assert await search(client, auth, q="ZOË") == ["carol"]
    assert await search(client, auth, q="%") == []
    assert await search(client, auth, q="a", limit=1) == ["alice"]


async def test_search_answers_20_users_unless_told_otherwise_and_at_most_50(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    for n in range(55):
        await register(client, f"user{n:02}", "Someone")

    assert len(await search(client, auth, q="user")) == 20
    assert len(await search(client, auth, q="user", limit=50)) == 50


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "x" * 65},
        {"q": "a\x00"},
        {"q": "a", "limit": 0},
        {"q": "a", "limit": 51},
        {"q": "a", "limit": "ten"},
    ],
)
async def test_a_bad_search_is_a_422_problem(
    client: httpx.AsyncClient, auth: dict[str, str], params: dict[str, str | int]
) -> None:
    assert_problem(await client.get("/api/v1/users", params=params, headers=auth), 422)
