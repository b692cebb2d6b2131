"""Bearer-token authentication, the same for every context's routes and for the WebSocket.

Identity signs access tokens with its private key and publishes the public keys as a JWKS;
every other process verifies tokens locally against those keys, so no request waits on
identity. Where the keys come from is a small port, `JwksSource`: straight from the identity
context when it runs in the same process, else fetched over HTTP from its JWKS endpoint.
"""

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Protocol
from uuid import UUID

import httpx
import jwt
from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from kernel.errors import AuthenticationError

Jwks = dict[str, Any]

# A public key set holding a symmetric key would be publishing a secret; such keys are ignored.
_PUBLIC_KEY_TYPES = frozenset({"OKP", "EC", "RSA"})


class KeysUnavailableError(Exception):
    """The key set could not be obtained, so no token can be verified right now."""


class JwksSource(Protocol):
    async def fetch(self) -> Jwks:
        """The current key set; raises KeysUnavailableError if it cannot be obtained."""
        ...


class InProcessJwksSource:
    """The key set of the identity context running in this same process."""

    def __init__(self, jwks: Callable[[], Jwks]) -> None:
        self._jwks = jwks

    async def fetch(self) -> Jwks:
        return self._jwks()


class HttpJwksSource:
    """The key set published at `url`, fetched at most once per `min_interval` seconds.

    The verifier asks again only when a token names a key it does not know (identity has
    rotated keys); the interval keeps a flood of tokens with made-up key ids from turning
    into a flood of requests to identity.
    """

    def __init__(self, url: str, client: httpx.AsyncClient, min_interval: float = 10.0) -> None:
        self._url = url
        self._client = client
        self._min_interval = min_interval
        self._lock = asyncio.Lock()
        self._last: Jwks | None = None
        self._fetched_at = float("-inf")

    async def fetch(self) -> Jwks:
        async with self._lock:
            if self._last is not None and time.monotonic() - self._fetched_at < self._min_interval:
                return self._last
            try:
                response = await self._client.get(self._url)
                response.raise_for_status()
                document = response.json()
            except (httpx.HTTPError, ValueError) as error:
                raise KeysUnavailableError(f"cannot fetch the key set from {self._url}: {error!r}") from error
            if not isinstance(document, dict):
                raise KeysUnavailableError(f"{self._url} did not answer a key set")
            self._last, self._fetched_at = document, time.monotonic()
            return document


@dataclass(frozen=True)
class Principal:
    """Who is calling: the user, and the session their access token was issued for."""

    user_id: UUID
    session_id: UUID
    expires_at: datetime
    """When the access token stops vouching for them: what a long-lived connection lives until."""


VERIFIED_TOKENS_KEPT = 4096
"""Tokens whose verification is remembered until they expire: about one per client active at once."""


class TokenVerifier:
    """Checks an access token's signature against the published keys, then its claims.

    Only the algorithm of the key the token names is accepted, so neither `alg: none` nor a
    token "signed" with the public key as an HMAC secret gets through. `exp`, `sub` (the
    user) and `sid` (the session) are required; `iss` and `aud` are checked when configured.

    A client sends the same token with every request for its lifetime, and checking the
    signature is most of what a request costs beyond its use case; so the principal of each
    token verified is remembered, keyed by the whole token, until the token expires or the keys
    are reloaded, for the last `VERIFIED_TOKENS_KEPT` tokens.
    """

    def __init__(self, source: JwksSource, *, issuer: str | None = None, audience: str | None = None) -> None:
        self._source = source
        self._issuer = issuer
        self._audience = audience
        self._keys: dict[str, jwt.PyJWK] = {}
        self._verified: dict[str, tuple[Principal, float]] = {}
        """Token -> its principal and when it expires (POSIX time), oldest first."""

    async def verify(self, token: str) -> Principal:
        """The principal the token was issued to; raises AuthenticationError if it is not valid."""
        remembered = self._verified.get(token)
        if remembered is not None and remembered[1] > time.time():
            return remembered[0]
        principal, expires = await self._verify(token)
        if len(self._verified) >= VERIFIED_TOKENS_KEPT:
            del self._verified[next(iter(self._verified))]
        self._verified[token] = (principal, expires)
        return principal

    async def _verify(self, token: str) -> tuple[Principal, float]:
        try:
            key_id = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError as error:
            raise AuthenticationError("The access token is malformed.") from error
        if not isinstance(key_id, str):
            raise AuthenticationError("The access token names no signing key.")
        key = await self._key(key_id)
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[key.algorithm_name],
                issuer=self._issuer,
                audience=self._audience,
                options={"require": ["exp", "sub", "sid"], "verify_aud": self._audience is not None},
            )
            expires = float(claims["exp"])
            principal = Principal(
                user_id=UUID(claims["sub"]),
                session_id=UUID(claims["sid"]),
                expires_at=datetime.fromtimestamp(expires, UTC),
            )
            return principal, expires
        except jwt.ExpiredSignatureError as error:
            raise AuthenticationError("The access token has expired.") from error
        except (jwt.PyJWTError, ValueError, TypeError, AttributeError) as error:
            raise AuthenticationError("The access token is not valid.") from error

    async def is_ready(self) -> bool:
        """Readiness: whether tokens can be verified, with the keys held or else with fetched ones.

        Keys once held keep verifying while identity is away, so its outage does not take every
        other process out of service too.
        """
        if self._keys:
            return True
        try:
            await self._reload()
        except KeysUnavailableError:
            return False
        return True

    async def _key(self, key_id: str) -> jwt.PyJWK:
        if key_id not in self._keys:
            await self._reload()
        try:
            return self._keys[key_id]
        except KeyError:
            raise AuthenticationError("The access token is signed with an unknown key.") from None

    async def _reload(self) -> None:
        document = await self._source.fetch()
        try:
            key_set = jwt.PyJWKSet.from_dict(document)
        except jwt.PyJWTError as error:
            raise KeysUnavailableError(f"the key set holds no usable key: {error}") from error
        self._keys = {
            key.key_id: key for key in key_set.keys if key.key_id and key.key_type in _PUBLIC_KEY_TYPES
        }
        self._verified.clear()  # a key withdrawn no longer vouches for the tokens it signed


_bearer = HTTPBearer(auto_error=False, description="An access token from `POST /api/v1/sessions`.")


async def authenticated_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """FastAPI dependency: the caller, from `Authorization: Bearer <token>`; else a 401 problem."""
    if credentials is None:
        raise AuthenticationError("This requires an `Authorization: Bearer <access token>` header.")
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        return await verifier.verify(credentials.credentials)
    except KeysUnavailableError as error:
        raise HTTPException(503, "Access tokens cannot be verified now.", {"Retry-After": "5"}) from error


CurrentPrincipal = Annotated[Principal, Depends(authenticated_principal)]
