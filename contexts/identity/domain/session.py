"""A session: one sign-in on one device, as the family of refresh tokens handed out since.

Each refresh exchanges the family's current token for a new one (rotation). A token that was
already exchanged can only come back if it was copied, so its return revokes the whole family:
the thief and the victim both have to sign in again, and only the victim can (reuse detection,
RFC 9700 section 4.14.2). The session ends for good when it is revoked (sign-out, reuse) or
when its lifetime, counted from sign-in, runs out.
"""

from datetime import datetime, timedelta
from typing import Self
from uuid import UUID

from contexts.identity.domain.errors import RefreshTokenRefusedError, RefreshTokenReusedError
from contexts.identity.domain.events import SessionRevoked
from contexts.identity.domain.refresh_token import TokenDigest
from kernel.aggregate import AggregateRoot
from kernel.ids import new_id


class Session(AggregateRoot):
    def __init__(
        self,
        id: UUID,
        user_id: UUID,
        current_token: TokenDigest,
        rotated_tokens: set[TokenDigest],
        started_at: datetime,
        expires_at: datetime,
        revoked_at: datetime | None,
    ) -> None:
        super().__init__(id)
        self.user_id = user_id
        self.current_token = current_token
        self.rotated_tokens = rotated_tokens
        self.started_at = started_at
        self.expires_at = expires_at
        self.revoked_at = revoked_at

    @classmethod
    def start(cls, user_id: UUID, token: TokenDigest, now: datetime, lifetime: timedelta) -> Self:
        return cls(new_id(), user_id, token, set(), now, now + lifetime, None)

    @property
    def tokens(self) -> set[TokenDigest]:
        """Every token of the family, the current one and those rotated away."""
        return {self.current_token, *self.rotated_tokens}

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at

    def rotate(self, presented: TokenDigest, replacement: TokenDigest, now: datetime) -> None:
        """Exchange the current token for `replacement`.

        Raises RefreshTokenReusedError, after revoking the session, for a token rotated away
        before; the caller must still store the revocation.
        """
        if not self.is_active(now):
            raise RefreshTokenRefusedError("the session has ended; sign in again")
        if presented in self.rotated_tokens:
            self.revoke(now)
            raise RefreshTokenReusedError()
        if presented != self.current_token:
            raise RefreshTokenRefusedError()
        self.rotated_tokens.add(presented)
        self.current_token = replacement

    def revoke(self, now: datetime) -> None:
        if self.revoked_at is None:
            self.revoked_at = now
            self.record(SessionRevoked(session_id=self.id, user_id=self.user_id, occurred_at=now))
