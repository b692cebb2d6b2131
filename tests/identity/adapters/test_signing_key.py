import base64
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from contexts.identity.adapters.outbound.signing_key import SigningKey, load_or_create_signing_key


def test_the_first_run_creates_a_key_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "data" / "identity" / "signing-key.pem"

    load_or_create_signing_key(path)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert [p.name for p in path.parent.iterdir()] == ["signing-key.pem"]


def test_later_runs_load_the_same_key(tmp_path: Path) -> None:
    path = tmp_path / "signing-key.pem"

    assert load_or_create_signing_key(path).kid == load_or_create_signing_key(path).kid


def test_a_file_holding_another_kind_of_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "signing-key.pem"
    key = generate_private_key(SECP256R1())
    path.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))

    with pytest.raises(ValueError, match="no Ed25519 private key"):
        load_or_create_signing_key(path)


def test_the_jwks_holds_the_public_key_named_by_its_rfc_7638_thumbprint() -> None:
    # The key of RFC 8037, appendix A.1, whose thumbprint appendix A.3 gives.
    seed = base64.urlsafe_b64decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=")
    key = SigningKey(Ed25519PrivateKey.from_private_bytes(seed))

    assert key.jwks() == {
        "keys": [
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
                "kid": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
                "alg": "EdDSA",
                "use": "sig",
            }
        ]
    }


def test_a_derived_secret_is_the_same_for_the_same_key_and_purpose_only(tmp_path: Path) -> None:
    key = load_or_create_signing_key(tmp_path / "signing-key.pem")
    secret = key.derived_secret("device tokens")

    assert len(secret) == 32
    assert load_or_create_signing_key(tmp_path / "signing-key.pem").derived_secret("device tokens") == secret
    assert key.derived_secret("another purpose") != secret
    assert SigningKey(Ed25519PrivateKey.generate()).derived_secret("device tokens") != secret
