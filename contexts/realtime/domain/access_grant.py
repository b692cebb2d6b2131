from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class AccessGrant:
    """What the access token a socket presented vouches for: a user, in one of their sessions
    (one sign-in on one device, ADR 8), until the token expires. A socket lives no longer."""

    user_id: UUID
    session_id: UUID
    expires_at: datetime
