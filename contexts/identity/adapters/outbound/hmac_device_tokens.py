import base64
import hashlib
import hmac
import math
import re
import secrets
from datetime import datetime, timedelta

_ID_BYTES, _EXPIRY_BYTES = 16, 8
_BODY_BYTES = _ID_BYTES + _EXPIRY_BYTES
_MAC_BYTES = hashlib.sha256().digest_size
_TOKEN_LENGTH = math.ceil((_BODY_BYTES + _MAC_BYTES) * 4 / 3)
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")


class HmacDeviceTokens:
    """A token is a random id and its expiry, followed by an HMAC-SHA256 of them and of the account
    under a secret of the server: checked without storage, so the lane it opens cannot be reached by
    made-up tokens, and worthless for another account or once altered.

    Nothing is stored per token: a token cannot be revoked before it expires, except by changing
    the secret (which forgets every token). That is enough for what a token grants, a place in a
    lane and not a way in.
    """

    def __init__(self, secret: bytes, lifetime: timedelta) -> None:
        self._secret = secret
        self._lifetime = lifetime

    def issue(self, account: str, now: datetime) -> str:
        expires_at = int((now + self._lifetime).timestamp())
        body = secrets.token_bytes(_ID_BYTES) + expires_at.to_bytes(_EXPIRY_BYTES, "big")
        return _base64url(body + self._mac(body, account))

    def recognise(self, token: str, account: str, now: datetime) -> str | None:
        if len(token) != _TOKEN_LENGTH or not _BASE64URL.fullmatch(token):
            return None
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        # One spelling per token: base64 lets the last character vary in bits it then ignores.
        if _base64url(raw) != token:
            return None
        body, mac = raw[:_BODY_BYTES], raw[_BODY_BYTES:]
        if not hmac.compare_digest(mac, self._mac(body, account)):
            return None
        if int.from_bytes(body[_ID_BYTES:], "big") <= now.timestamp():
            return None
        return _base64url(body[:_ID_BYTES])

    def _mac(self, body: bytes, account: str) -> bytes:
        # The body has a fixed length, so body and account cannot be split another way.
        return hmac.new(self._secret, body + account.encode(), hashlib.sha256).digest()


def _base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
