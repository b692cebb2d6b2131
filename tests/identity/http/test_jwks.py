from typing import Any

import httpx
import jwt

from tests.identity.http.conftest import ISSUER, register, sign_in


async def test_the_jwks_publishes_the_public_key_only(client: httpx.AsyncClient) -> None:
    response = await client.get("/.well-known/jwks.json")

    assert response.status_code == 200
    [key] = response.json()["keys"]
    assert key.keys() == {"kty", "crv", "x", "kid", "alg", "use"}
    assert (key["kty"], key["crv"], key["alg"], key["use"]) == ("OKP", "Ed25519", "EdDSA", "sig")


async def test_the_jwks_verifies_access_tokens(client: httpx.AsyncClient) -> None:
    user = await register(client)
    session = await sign_in(client)
    jwks: dict[str, Any] = (await client.get("/.well-known/jwks.json")).json()

    [key] = jwt.PyJWKSet.from_dict(jwks).keys
    assert jwt.get_unverified_header(session["access_token"])["kid"] == key.key_id
    claims = jwt.decode(session["access_token"], key, algorithms=["EdDSA"], issuer=ISSUER)
    assert claims["sub"] == user["id"]
