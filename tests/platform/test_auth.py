import asyncio
import base64
from datetime import timedelta
from typing import Any
from uuid import uuid4

import httpx
import jwt
import pytest
from fastapi import APIRouter, FastAPI

from infra.web.auth import (
    CurrentPrincipal,
    HttpJwksSource,
    InProcessJwksSource,
    KeysUnavailableError,
    TokenVerifier,
)
from kernel.errors import AuthenticationError
from tests.platform.conftest import app_with, client_for
from tests.platform.signing import SigningKey, jwks

router = APIRouter()


@router.get("/me")
async def me(principal: CurrentPrincipal) -> dict[str, str]:
    return {"user_id": str(principal.user_id), "session_id": str(principal.session_id)}


@pytest.fixture
def app(signing_key: SigningKey) -> FastAPI:
    return app_with(router, keys=[signing_key])


async def get_me(app: FastAPI, authorization: str | None) -> httpx.Response:
    headers = {} if authorization is None else {"Authorization": authorization}
    async with client_for(app) as client:
        return await client.get("/me", headers=headers)


def assert_unauthorized(response: httpx.Response) -> None:
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_valid_token_identifies_the_user_and_session(app: FastAPI, signing_key: SigningKey) -> None:
    user_id, session_id = uuid4(), uuid4()
    token = signing_key.issue(user_id, session_id, iss="hexchat")

    response = await get_me(app, f"Bearer {token}")

    assert response.status_code == 200
    assert response.json() == {"user_id": str(user_id), "session_id": str(session_id)}


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Bearer not-a-token", "Basic dXNlcjpwYXNz"])
async def test_a_missing_or_malformed_token_is_rejected(app: FastAPI, authorization: str | None) -> None:
    assert_unauthorized(await get_me(app, authorization))


async def test_an_expired_token_is_rejected(app: FastAPI, signing_key: SigningKey) -> None:
    token = signing_key.issue(expires_in=timedelta(seconds=-1), iss="hexchat")

    assert_unauthorized(await get_me(app, f"Bearer {token}"))


async def test_a_token_signed_with_another_key_under_a_known_key_id_is_rejected(
    app: FastAPI, signing_key: SigningKey
) -> None:
    forger = SigningKey(kid=signing_key.kid)

    assert_unauthorized(await get_me(app, f"Bearer {forger.issue(iss='hexchat')}"))


async def test_a_token_signed_with_an_unknown_key_is_rejected(app: FastAPI) -> None:
    assert_unauthorized(await get_me(app, f"Bearer {SigningKey().issue(iss='hexchat')}"))


async def test_an_unsigned_token_is_rejected(app: FastAPI, signing_key: SigningKey) -> None:
    token = jwt.encode(claims(), "", algorithm="none", headers={"kid": signing_key.kid})

    assert_unauthorized(await get_me(app, f"Bearer {token}"))


async def test_a_token_signed_with_the_public_key_as_hmac_secret_is_rejected(
    app: FastAPI, signing_key: SigningKey
) -> None:
    public_key = base64.urlsafe_b64decode(signing_key.jwk()["x"] + "=")
    token = jwt.encode(claims(), public_key, algorithm="HS256", headers={"kid": signing_key.kid})

    assert_unauthorized(await get_me(app, f"Bearer {token}"))


@pytest.mark.parametrize(
    "change",
    [
        {"sid": None},
        {"sub": None},
        {"exp": None},
        {"sub": "not-a-uuid"},
        {"sid": 42},
        {"iss": "someone-else"},
    ],
)
async def test_a_token_with_missing_or_wrong_claims_is_rejected(
    app: FastAPI, signing_key: SigningKey, change: dict[str, Any]
) -> None:
    payload = {**claims(), **change}
    payload = {name: value for name, value in payload.items() if value is not None}
    token = jwt.encode(payload, signing_key.private_key, algorithm="EdDSA", headers={"kid": signing_key.kid})

    assert_unauthorized(await get_me(app, f"Bearer {token}"))


async def test_a_symmetric_key_in_the_key_set_is_never_trusted() -> None:
    secret = b"s" * 32
    oct_key = {"kty": "oct", "kid": "shared", "k": base64.urlsafe_b64encode(secret).decode().rstrip("=")}
    verifier = TokenVerifier(InProcessJwksSource(lambda: {"keys": [oct_key, SigningKey().jwk()]}))
    token = jwt.encode(claims(), secret, algorithm="HS256", headers={"kid": "shared"})

    with pytest.raises(AuthenticationError):
        await verifier.verify(token)


async def test_the_verifier_serves_callers_outside_http(signing_key: SigningKey) -> None:
    verifier = TokenVerifier(InProcessJwksSource(lambda: jwks(signing_key)))
    user_id = uuid4()

    principal = await verifier.verify(signing_key.issue(user_id))

    assert principal.user_id == user_id


def claims() -> dict[str, Any]:
    return {"sub": str(uuid4()), "sid": str(uuid4()), "exp": 4_000_000_000, "iss": "hexchat"}


class JwksServer:
    """Serves a key set over a mock HTTP transport and counts how often it is asked."""

    def __init__(self, *keys: SigningKey) -> None:
        self.keys = list(keys)
        self.requests = 0
        self.failing = False

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.failing:
            return httpx.Response(503)
        return httpx.Response(200, json=jwks(*self.keys))

    def source(self, min_interval: float) -> HttpJwksSource:
        client = httpx.AsyncClient(transport=httpx.MockTransport(self.handle))
        return HttpJwksSource("http://identity/.well-known/jwks.json", client, min_interval=min_interval)


async def test_the_http_source_is_asked_once_while_the_keys_are_known(signing_key: SigningKey) -> None:
    server = JwksServer(signing_key)
    verifier = TokenVerifier(server.source(min_interval=0))

    await verifier.verify(signing_key.issue())
    await verifier.verify(signing_key.issue())

    assert server.requests == 1


async def test_a_token_with_an_unknown_key_id_makes_the_http_source_fetch_again(
    signing_key: SigningKey,
) -> None:
    server = JwksServer(signing_key)
    verifier = TokenVerifier(server.source(min_interval=0))
    await verifier.verify(signing_key.issue())
    rotated = SigningKey()
    server.keys.append(rotated)

    principal = await verifier.verify(rotated.issue())

    assert server.requests == 2
    assert principal is not None


async def test_the_http_source_refetches_at_most_once_per_interval(signing_key: SigningKey) -> None:
    server = JwksServer(signing_key)
    verifier = TokenVerifier(server.source(min_interval=3600))
    await verifier.verify(signing_key.issue())

    for _ in range(3):
        with pytest.raises(AuthenticationError):
            await verifier.verify(SigningKey().issue())

    assert server.requests == 1


async def test_unreachable_keys_make_the_verifier_unready_and_requests_unavailable(
    signing_key: SigningKey,
) -> None:
    server = JwksServer(signing_key)
    server.failing = True
    verifier = TokenVerifier(server.source(min_interval=0))
    app = app_with(router)
    app.state.token_verifier = verifier

    with pytest.raises(KeysUnavailableError):
        await verifier.verify(signing_key.issue())
    assert not await verifier.is_ready()
    response = await get_me(app, f"Bearer {signing_key.issue()}")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"


async def test_keys_once_fetched_keep_the_verifier_ready_while_the_source_is_away(
    signing_key: SigningKey,
) -> None:
    server = JwksServer(signing_key)
    verifier = TokenVerifier(server.source(min_interval=0))
    await verifier.verify(signing_key.issue())
    server.failing = True

    assert await verifier.is_ready()
    assert (await verifier.verify(signing_key.issue())).user_id is not None


async def test_a_remembered_token_stops_verifying_once_it_expires(signing_key: SigningKey) -> None:
    verifier = TokenVerifier(InProcessJwksSource(lambda: jwks(signing_key)))
    token = signing_key.issue(expires_in=timedelta(seconds=1))
    await verifier.verify(token)

    await asyncio.sleep(1.1)

    with pytest.raises(AuthenticationError):
        await verifier.verify(token)


async def test_a_remembered_token_stops_verifying_once_its_key_is_withdrawn(signing_key: SigningKey) -> None:
    published = [signing_key]
    verifier = TokenVerifier(InProcessJwksSource(lambda: jwks(*published)))
    token = signing_key.issue()
    await verifier.verify(token)
    rotated = SigningKey()
    published[:] = [rotated]

    await verifier.verify(rotated.issue())  # an unknown key id makes the verifier fetch the keys again

    with pytest.raises(AuthenticationError):
        await verifier.verify(token)


async def test_a_token_is_remembered_by_its_whole_text_signature_included(signing_key: SigningKey) -> None:
    verifier = TokenVerifier(InProcessJwksSource(lambda: jwks(signing_key)))
    token = signing_key.issue()
    await verifier.verify(token)
    header, claims, signature = token.split(".")
    tampered = f"{header}.{claims}.{signature[:-4]}AAAA"

    with pytest.raises(AuthenticationError):
        await verifier.verify(tampered)
