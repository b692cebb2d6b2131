from datetime import datetime, timedelta
from uuid import UUID

import jwt

from contexts.identity.adapters.outbound.signing_key import SigningKey
from contexts.identity.ports.access_token_issuer import AccessToken


class JwtAccessTokenIssuer:
    """EdDSA-signed JWTs; the `kid` header names the JWKS key that verifies them."""

    def __init__(self, key: SigningKey, issuer: str, lifetime: timedelta) -> None:
        self._key = key
        self._issuer = issuer
        self._lifetime = lifetime

    def issue(self, user_id: UUID, *, session_id: UUID, now: datetime) -> AccessToken:
        claims = {
            "iss": self._issuer,
            "sub": str(user_id),
            "sid": str(session_id),
            "iat": int(now.timestamp()),
            "exp": int((now + self._lifetime).timestamp()),
        }
        token = jwt.encode(claims, self._key.private_key, algorithm="EdDSA", headers={"kid": self._key.kid})
        return AccessToken(token, int(self._lifetime.total_seconds()))
