"""The integration events identity publishes: what other contexts may know about users.

Other contexts keep their own copy of the names they show (a mention's `@username`, a
participant list) and update it from these events, so they never call identity to render one.
"""

from dataclasses import dataclass

from kernel.integration_event import EventPayload


@dataclass(frozen=True, kw_only=True)
class UserRegistered(EventPayload):
    TYPE = "identity.user_registered"

    user_id: str
    username: str
    display_name: str
    created_at: str
    """RFC 3339, UTC."""


@dataclass(frozen=True, kw_only=True)
class UserProfileChanged(EventPayload):
    """The whole public profile as it is now, so a consumer that missed an earlier change is current."""

    TYPE = "identity.user_profile_changed"

    user_id: str
    username: str
    display_name: str


@dataclass(frozen=True, kw_only=True)
class SessionEnded(EventPayload):
    """A session was revoked (sign-out, or a refresh token used twice): its refresh tokens stopped
    working, and whoever holds connections opened with its access tokens should close them, as
    those tokens are otherwise honoured until they expire."""

    TYPE = "identity.session_ended"

    user_id: str
    session_id: str
