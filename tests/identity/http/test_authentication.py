"""Every identity route but registration, sign-in, refresh and the JWKS needs a valid access token."""

from datetime import timedelta
from typing import Any
from uuid import uuid4

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.identity.http.conftest import ISSUER, Served, register, sign_in
from tests.problems import assert_problem

PROTECTED = [
    ("GET", "/api/v1/users/me"),
    ("PATCH", "/api/v1/users/me"),
    ("GET", "/api/v1/users?q=a"),
    ("GET", f"/api/v1/users/{uuid4()}"),
    ("DELETE", "/api/v1/sessions/current"),
]


@pytest.fixture
async def session(client: httpx.AsyncClient) -> dict[str, Any]:
    await register(client)
    return await sign_in(client)


async def call(client: httpx.AsyncClient, route: tuple[str, str], token: str | None) -> httpx.Response:
    method, path = route
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    body = {"display_name": "Mallory"} if method == "PATCH" else None
    return await client.request(method, path, headers=headers, json=body)


def forged(session: dict[str, Any], key: Ed25519PrivateKey, **changes: Any) -> str:
    """The session's access token with `changes`, signed with `key` under the real key's id."""
    header = jwt.get_unverified_header(session["access_token"])
    claims = {**jwt.decode(session["access_token"], options={"verify_signature": False}), **changes}
    return jwt.encode(claims, key, algorithm="EdDSA", headers={"kid": header["kid"]})


@pytest.mark.parametrize("route", PROTECTED)
async def test_no_token_is_a_401(client: httpx.AsyncClient, route: tuple[str, str]) -> None:
    assert_problem(await call(client, route, None), 401)


@pytest.mark.parametrize("route", PROTECTED)
async def test_a_token_signed_by_another_key_is_a_401(
    client: httpx.AsyncClient, session: dict[str, Any], route: tuple[str, str]
) -> None:
    assert_problem(await call(client, route, forged(session, Ed25519PrivateKey.generate())), 401)


async def test_a_token_with_an_unsigned_algorithm_is_a_401(
    client: httpx.AsyncClient, session: dict[str, Any]
) -> None:
    claims = jwt.decode(session["access_token"], options={"verify_signature": False})
    header = jwt.get_unverified_header(session["access_token"])
    token = jwt.encode(claims, "", algorithm="none", headers={"kid": header["kid"]})

    assert_problem(await call(client, PROTECTED[0], token), 401)


async def test_an_expired_token_is_a_401(served: Served) -> None:
    await register(served.client)
    served.clock.advance(-timedelta(minutes=16))
    session = await sign_in(served.client)

    assert_problem(await call(served.client, PROTECTED[0], session["access_token"]), 401)


async def test_a_token_from_another_issuer_is_a_401(served: Served) -> None:
    await register(served.client)
    session = await sign_in(served.client)
    key = served.container.signing_key().private_key

    assert_problem(await call(served.client, PROTECTED[0], forged(session, key, iss=f"not-{ISSUER}")), 401)
    assert (await call(served.client, PROTECTED[0], forged(session, key))).status_code == 200


@pytest.mark.parametrize("token", ["", "garbage", "a.b.c", "x" * 10_000])
async def test_a_malformed_token_is_a_401(client: httpx.AsyncClient, token: str) -> None:
    assert_problem(await call(client, PROTECTED[0], token), 401)
