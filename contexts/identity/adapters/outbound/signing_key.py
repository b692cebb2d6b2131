"""The Ed25519 key that signs access tokens, kept in a PEM file, its public half as a JWK, and the
secrets derived from it."""

import base64
import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

Jwk = dict[str, str]


class SigningKey:
    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self.private_key = private_key
        self.public_jwk = _public_jwk(private_key.public_key())
        self.kid = self.public_jwk["kid"]

    def jwks(self) -> dict[str, Any]:
        """The JSON Web Key Set that verifies this key's signatures (RFC 7517)."""
        return {"keys": [dict(self.public_jwk)]}

    def derived_secret(self, purpose: str) -> bytes:
        """32 bytes for `purpose` (HKDF-SHA256 over the private key): a secret that every replica
        holding this key shares, without a second file to keep. One derived secret reveals
        neither the key nor a secret derived for another purpose."""
        return HKDF(algorithm=SHA256(), length=32, salt=None, info=purpose.encode()).derive(
            self.private_key.private_bytes_raw()
        )


def load_or_create_signing_key(path: Path) -> SigningKey:
    """The key stored at `path`; on first run, a new key is generated there, readable by its owner only."""
    if not path.exists():
        _create(path)
    key = load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} holds no Ed25519 private key")
    return SigningKey(key)


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    # Written aside (mkstemp makes it 0600) and linked into place: linking fails if the name
    # exists, so replicas starting together keep the first key and none reads half a file.
    descriptor, written = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(pem)
        with contextlib.suppress(FileExistsError):
            os.link(written, path)
    finally:
        os.unlink(written)


def _public_jwk(public_key: Ed25519PublicKey) -> Jwk:
    members = {"crv": "Ed25519", "kty": "OKP", "x": _base64url(public_key.public_bytes_raw())}
    return {**members, "kid": _thumbprint(members), "alg": "EdDSA", "use": "sig"}


def _thumbprint(required_members: Jwk) -> str:
    """RFC 7638: the SHA-256 of the key's required members, as compact JSON with sorted keys."""
    canonical = json.dumps(required_members, sort_keys=True, separators=(",", ":"))
    return _base64url(hashlib.sha256(canonical.encode()).digest())


def _base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
