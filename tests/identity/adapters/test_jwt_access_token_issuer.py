from datetime import UTC, datetime, timedelta

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contexts.identity.adapters.outbound.jwt_access_token_issuer import JwtAccessTokenIssuer
from contexts.identity.adapters.outbound.signing_key import SigningKey
from kernel.ids import new_id


def test_an_access_token_is_an_eddsa_jwt_naming_user_session_issuer_and_key() -> None:
    key = SigningKey(Ed25519PrivateKey.generate())
    now = datetime.now(UTC).replace(microsecond=0)
    user_id, session_id = new_id(), new_id()

    token = JwtAccessTokenIssuer(key, "hexchat", timedelta(minutes=15)).issue(
        user_id, session_id=session_id, now=now
    )

    assert token.expires_in_seconds == 900
    assert jwt.get_unverified_header(token.value) == {"alg": "EdDSA", "kid": key.kid, "typ": "JWT"}
    claims = jwt.decode(token.value, key.private_key.public_key(), algorithms=["EdDSA"], issuer="hexchat")
    assert claims == {
        "iss": "hexchat",
        "sub": str(user_id),
        "sid": str(session_id),
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=15)).timestamp()),
    }
