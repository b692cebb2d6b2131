"""An Ed25519 signing key for tests, standing in for the identity context's key."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwt.algorithms import OKPAlgorithm


@dataclass
class SigningKey:
    kid: str = field(default_factory=lambda: uuid4().hex)
    private_key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)

    def jwk(self) -> dict[str, Any]:
        public: dict[str, Any] = OKPAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        return {**public, "kid": self.kid, "use": "sig", "alg": "EdDSA"}

    def issue(
        self,
        user_id: UUID | None = None,
        session_id: UUID | None = None,
        expires_in: timedelta = timedelta(minutes=5),
        **claims: Any,
    ) -> str:
        now = datetime.now(UTC)
        payload = {
            "sub": str(user_id or uuid4()),
            "sid": str(session_id or uuid4()),
            "iat": now,
            "exp": now + expires_in,
            **claims,
        }
        return jwt.encode(payload, self.private_key, algorithm="EdDSA", headers={"kid": self.kid})


def jwks(*keys: SigningKey) -> dict[str, Any]:
    return {"keys": [key.jwk() for key in keys]}
