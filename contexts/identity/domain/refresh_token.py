"""Refresh tokens: the long-lived secrets a client exchanges for new access tokens."""

import hashlib
import secrets
from dataclasses import dataclass, field
from typing import NewType, Self

TokenDigest = NewType("TokenDigest", str)
"""SHA-256 of a refresh token, hex. Only digests are stored, so a copy of the table lets nobody in;
the token is random and long, so a fast hash is enough (unlike a password)."""


@dataclass(frozen=True)
class RefreshToken:
    value: str = field(repr=False)

    @classmethod
    def issue(cls) -> Self:
        return cls(secrets.token_urlsafe(32))

    @property
    def digest(self) -> TokenDigest:
        # A presented token is arbitrary text; "surrogatepass" lets even a lone surrogate be hashed.
        return TokenDigest(hashlib.sha256(self.value.encode("utf-8", "surrogatepass")).hexdigest())
