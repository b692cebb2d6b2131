from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID


@dataclass(frozen=True)
class AccessToken:
    value: str
    expires_in_seconds: int


class AccessTokenIssuer(Protocol):
    """Signs the short-lived tokens that every other route and context verifies without a lookup.

    Being stateless, an access token stays valid until it expires, even after its session has
    ended; a short lifetime bounds that.
    """

    def issue(self, user_id: UUID, *, session_id: UUID, now: datetime) -> AccessToken: ...
