"""Refresh tokens: the long-lived secrets a client exchanges for new access tokens."""

import base64
import hashlib
import hmac
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
        return TokenDigest(hashlib.sha256(self._bytes).hexdigest())

    def successor(self, rotation_key: str) -> Self:
        """The token this one is exchanged for: derived rather than drawn, so that presenting this
        one again answers the same successor without the successor ever being stored. Only who
        holds both this token and the session's secret `rotation_key` can compute it."""
        mac = hmac.digest(bytes.fromhex(rotation_key), self._bytes, "sha256")
        return type(self)(base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii"))

    @property
    def _bytes(self) -> bytes:
        # A presented token is arbitrary text; "surrogatepass" lets even a lone surrogate be hashed.
        return self.value.encode("utf-8", "surrogatepass")


def new_rotation_key() -> str:
    """A session's secret for deriving its tokens' successors; stored with it, never handed out."""
    return secrets.token_hex(32)
