from dataclasses import dataclass
from datetime import datetime

from contexts.identity.application.user_view import UserView
from contexts.identity.domain.refresh_token import RefreshToken
from contexts.identity.domain.session import Session
from contexts.identity.domain.user import User
from contexts.identity.ports.access_token_issuer import AccessTokenIssuer


@dataclass(frozen=True)
class SessionTokens:
    """What a client holds for a session: an access token and the refresh token that renews it."""

    access_token: str
    refresh_token: str
    expires_in_seconds: int
    """Of the access token."""
    user: UserView


def session_tokens(
    issuer: AccessTokenIssuer, session: Session, refresh_token: RefreshToken, user: User, now: datetime
) -> SessionTokens:
    access_token = issuer.issue(user.id, session_id=session.id, now=now)
    return SessionTokens(
        access_token=access_token.value,
        refresh_token=refresh_token.value,
        expires_in_seconds=access_token.expires_in_seconds,
        user=UserView.of(user),
    )
