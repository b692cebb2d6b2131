"""Aggregates as the application would create them, for repository tests."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

from contexts.identity.domain.display_name import DisplayName
from contexts.identity.domain.refresh_token import RefreshToken
from contexts.identity.domain.session import Session
from contexts.identity.domain.user import User
from contexts.identity.domain.username import Username

NOW = datetime(2025, 1, 1, 12, 30, 15, 123456, tzinfo=UTC)
FIRST_TOKEN = RefreshToken.issue()
"""The refresh token every session of `a_session` starts with."""


def a_user(username: str = "alice", display_name: str = "Alice") -> User:
    return User.register(Username(username), DisplayName.parse(display_name), "$argon2id$stand-in", NOW)


def a_session(user_id: UUID) -> Session:
    return Session.start(user_id, FIRST_TOKEN.digest, NOW, timedelta(days=30))
