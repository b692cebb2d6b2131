import asyncio
from datetime import timedelta
from typing import Any

import httpx
import jwt
import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from contexts.identity.domain.display_name import DisplayName
from contexts.identity.domain.user import User
from contexts.identity.domain.username import Username
from tests.identity.http.conftest import (
    CLIENT_MAX_FAILURES,
    FAILURE_WINDOW_SECONDS,
    ISSUER,
    MAX_FAILURES,
    REFRESH_GRACE_SECONDS,
    Served,
    bearer,
    register,
    sign_in,
)
from tests.problems import assert_problem, escaped_json


@pytest.fixture
async def alice(client: httpx.AsyncClient) -> dict[str, Any]:
    return await register(client)


async def refresh(client: httpx.AsyncClient, refresh_token: str) -> httpx.Response:
    return await client.post("/api/v1/sessions/refresh", json={"refresh_token": refresh_token})


async def test_signing_in_answers_a_token_pair_and_the_user(
    client: httpx.AsyncClient, alice: dict[str, Any]
) -> None:
    response = await client.post("/api/v1/sessions", json={"username": "alice", "password": "correct horse"})

    assert response.status_code == 201
    session = response.json()
    assert session.keys() == {
        "access_token",
        "refresh_token",
        "token_type",
        "expires_in",
        "user",
        "device_token",
    }
    assert (session["token_type"], session["expires_in"], session["user"]) == ("bearer", 900, alice)
    claims = jwt.decode(session["access_token"], options={"verify_signature": False})
    assert (claims["sub"], claims["iss"], claims["exp"] - claims["iat"]) == (alice["id"], ISSUER, 900)


async def test_the_username_may_be_typed_in_any_case(
    client: httpx.AsyncClient, alice: dict[str, Any]
) -> None:
    assert (await sign_in(client, "ALICE"))["user"] == alice


async def test_an_account_whose_password_became_common_still_signs_in(served: Served) -> None:
    """Chosen before the list of common passwords was checked: the list applies to new passwords only."""
    password_hash = PasswordHasher.from_parameters(CHEAPEST).hash("password1")
    async with served.container.unit_of_work() as uow:
        await uow.users.add(
            User.register(Username("carol"), DisplayName.parse("Carol"), password_hash, served.clock.now())
        )
        await uow.commit()

    assert (await sign_in(served.client, "carol", "password1"))["user"]["username"] == "carol"


@pytest.mark.parametrize(
    "credentials",
    [
        {"username": "alice", "password": "wrong horse"},
        {"username": "bob", "password": "correct horse"},
        {"username": "al\x00ice", "password": "correct horse"},
    ],
)
async def test_an_unknown_user_and_a_wrong_password_get_the_same_401(
    client: httpx.AsyncClient, alice: dict[str, Any], credentials: dict[str, str]
) -> None:
    problem = assert_problem(await client.post("/api/v1/sessions", json=credentials), 401)

    assert problem["detail"] == "unknown username or wrong password"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"username": "alice"},
        {"username": "", "password": "x"},
        {"username": 1, "password": "x"},
        {"username": "alice", "password": "x" * 129},
        {"username": "alice", "password": "lone \ud800 surrogate"},
    ],
)
async def test_malformed_credentials_are_a_422_problem(
    client: httpx.AsyncClient, body: dict[str, object]
) -> None:
    assert_problem(await client.post("/api/v1/sessions", **escaped_json(body)), 422)


async def test_failures_beyond_the_free_ones_answer_429_with_retry_after(
    served: Served, alice: dict[str, Any]
) -> None:
    wrong = {"username": "alice", "password": "wrong horse"}
    for _ in range(MAX_FAILURES):
        assert_problem(await served.client.post("/api/v1/sessions", json=wrong), 401)

    response = await served.client.post(
        "/api/v1/sessions", json={"username": "alice", "password": "correct horse"}
    )

    assert_problem(response, 429)
    assert response.headers["retry-after"] == "1"


async def test_of_30_wrong_passwords_sent_at_once_only_the_free_ones_are_checked(
    served: Served, alice: dict[str, Any]
) -> None:
    wrong = {"username": "alice", "password": "wrong horse"}

    hashes_before = served.hashing.hashes

    responses = await asyncio.gather(*(served.client.post("/api/v1/sessions", json=wrong) for _ in range(30)))

    assert served.hashing.hashes - hashes_before == MAX_FAILURES
    assert sorted(response.status_code for response in responses) == [401] * MAX_FAILURES + [429] * (
        30 - MAX_FAILURES
    )
    assert all(
        int(response.headers["retry-after"]) >= 1 for response in responses if response.status_code == 429
    )
    async with served.client_from("198.51.100.7") as elsewhere:
        assert (await sign_in(elsewhere))["user"] == alice


async def test_one_password_tried_on_many_accounts_from_one_address_answers_429(
    served: Served, alice: dict[str, Any]
) -> None:
    for number in range(CLIENT_MAX_FAILURES):
        wrong = {"username": f"user{number}", "password": "correct horse"}
        assert_problem(await served.client.post("/api/v1/sessions", json=wrong), 401)

    response = await served.client.post(
        "/api/v1/sessions", json={"username": "bob", "password": "correct horse"}
    )

    assert_problem(response, 429)
    assert response.headers["retry-after"] == str(FAILURE_WINDOW_SECONDS)
    async with served.client_from("198.51.100.7") as elsewhere:
        assert (await sign_in(elsewhere))["user"] == alice


async def test_a_refresh_answers_a_new_pair_and_the_presented_token_stops_working_after_the_grace_period(
    served: Served, alice: dict[str, Any]
) -> None:
    client = served.client
    first = await sign_in(client)

    response = await refresh(client, first["refresh_token"])

    assert response.status_code == 201
    second = response.json()
    assert second.keys() == first.keys() - {"device_token"}
    assert second["refresh_token"] != first["refresh_token"]
    assert (await client.get("/api/v1/users/me", headers=bearer(second))).json() == alice
    served.clock.advance(timedelta(seconds=REFRESH_GRACE_SECONDS))
    assert_problem(await refresh(client, first["refresh_token"]), 401)


async def test_within_the_grace_period_the_presented_token_answers_the_same_refresh_token(
    served: Served, alice: dict[str, Any]
) -> None:
    first = await sign_in(served.client)
    second = (await refresh(served.client, first["refresh_token"])).json()
    served.clock.advance(timedelta(seconds=REFRESH_GRACE_SECONDS - 1))

    response = await refresh(served.client, first["refresh_token"])

    assert response.status_code == 201
    assert response.json()["refresh_token"] == second["refresh_token"]
    assert (await refresh(served.client, second["refresh_token"])).status_code == 201


async def test_reusing_a_rotated_token_revokes_every_token_of_the_session(
    served: Served, alice: dict[str, Any]
) -> None:
    client = served.client
    first = await sign_in(client)
    second = (await refresh(client, first["refresh_token"])).json()
    other_device = await sign_in(client)
    served.clock.advance(timedelta(seconds=REFRESH_GRACE_SECONDS))

    assert_problem(await refresh(client, first["refresh_token"]), 401)

    assert_problem(await refresh(client, second["refresh_token"]), 401)
    assert (await refresh(client, other_device["refresh_token"])).status_code == 201


async def test_two_racing_refreshes_with_one_token_both_get_the_same_refresh_token(
    client: httpx.AsyncClient, alice: dict[str, Any]
) -> None:
    session = await sign_in(client)

    responses = await asyncio.gather(*(refresh(client, session["refresh_token"]) for _ in range(2)))

    assert [response.status_code for response in responses] == [201, 201]
    assert responses[0].json()["refresh_token"] == responses[1].json()["refresh_token"]
    assert (await refresh(client, responses[0].json()["refresh_token"])).status_code == 201


async def test_an_unknown_refresh_token_is_a_401(client: httpx.AsyncClient) -> None:
    assert_problem(await client.post("/api/v1/sessions/refresh", json={"refresh_token": "made-up"}), 401)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"refresh_token": ""},
        {"refresh_token": 7},
        {"refresh_token": "x" * 257},
        {"refresh_token": "\ud800"},
    ],
)
async def test_a_malformed_refresh_request_is_a_422(
    client: httpx.AsyncClient, body: dict[str, object]
) -> None:
    assert_problem(await client.post("/api/v1/sessions/refresh", **escaped_json(body)), 422)


async def test_signing_out_ends_the_session_of_the_access_token_only(
    client: httpx.AsyncClient, alice: dict[str, Any]
) -> None:
    session, other_device = await sign_in(client), await sign_in(client)

    response = await client.delete("/api/v1/sessions/current", headers=bearer(session))

    assert (response.status_code, response.content) == (204, b"")
    assert_problem(await refresh(client, session["refresh_token"]), 401)
    assert (await refresh(client, other_device["refresh_token"])).status_code == 201
    assert (await client.delete("/api/v1/sessions/current", headers=bearer(session))).status_code == 204
