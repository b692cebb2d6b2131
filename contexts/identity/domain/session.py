"""A session: one sign-in on one device, as the family of refresh tokens handed out since.

Each refresh exchanges the family's current token for its successor (rotation). A token that
was already exchanged can only come back if it was copied, so its return revokes the whole
family: the thief and the victim both have to sign in again, and only the victim can (reuse
detection, RFC 9700 section 4.14.2). The session ends for good when it is revoked (sign-out,
reuse) or when its lifetime, counted from sign-in, runs out.

One return is not a copy: the token exchanged last, presented again within a short grace
period of its exchange. Two tabs refreshing at once, or a client whose answer was lost, do
that. They are answered the same successor the first exchange answered, so every holder of
the family converges on one token again, and a thief who joins them within the grace period
still collides with the victim at the next exchange.
"""

from datetime import datetime, timedelta
from typing import Self
from uuid import UUID

from contexts.identity.domain.errors import RefreshTokenRefusedError, RefreshTokenReusedError
from contexts.identity.domain.events import SessionEnded
from contexts.identity.domain.refresh_token import RefreshToken, TokenDigest, new_rotation_key
from kernel.aggregate import AggregateRoot
from kernel.ids import new_id


class Session(AggregateRoot):
    def __init__(
        self,
        id: UUID,
        user_id: UUID,
        rotation_key: str,
        current_token: TokenDigest,
        rotated_tokens: set[TokenDigest],
        previous_token: TokenDigest | None,
        rotated_at: datetime | None,
        started_at: datetime,
        expires_at: datetime,
        revoked_at: datetime | None,
    ) -> None:
        super().__init__(id)
        self.user_id = user_id
        self.rotation_key = rotation_key
        self.current_token = current_token
        self.rotated_tokens = rotated_tokens
        self.previous_token = previous_token
        """The token exchanged for the current one, at `rotated_at`."""
        self.rotated_at = rotated_at
        self.started_at = started_at
        self.expires_at = expires_at
        self.revoked_at = revoked_at

    @classmethod
    def start(cls, user_id: UUID, token: TokenDigest, now: datetime, lifetime: timedelta) -> Self:
        return cls(new_id(), user_id, new_rotation_key(), token, set(), None, None, now, now + lifetime, None)

    @property
    def tokens(self) -> set[TokenDigest]:
        """Every token of the family, the current one and those rotated away."""
        return {self.current_token, *self.rotated_tokens}

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at

    def refresh(self, presented: RefreshToken, now: datetime, grace_period: timedelta) -> RefreshToken:
        """The token that succeeds `presented`: the current token is exchanged for it, and the
        token exchanged last is answered it again within `grace_period` of its exchange.

        Raises RefreshTokenReusedError, after revoking the session, for any other token rotated
        away before; the caller must still store the revocation.
        """
        if not self.is_active(now):
            raise RefreshTokenRefusedError("the session has ended; sign in again")
        digest = presented.digest
        if digest == self.current_token:
            successor = presented.successor(self.rotation_key)
            self.rotated_tokens.add(digest)
            self.previous_token, self.rotated_at = digest, now
            self.current_token = successor.digest
            return successor
        if (
            digest == self.previous_token
            and self.rotated_at is not None
            and now < self.rotated_at + grace_period
        ):
            return presented.successor(self.rotation_key)
        if digest in self.rotated_tokens:
            self.revoke(now)
            raise RefreshTokenReusedError()
        raise RefreshTokenRefusedError()

    def revoke(self, now: datetime) -> None:
        if self.revoked_at is None:
            self.revoked_at = now
            self.record(SessionEnded(session_id=self.id, user_id=self.user_id, occurred_at=now))
