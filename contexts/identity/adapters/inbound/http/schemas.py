"""The JSON of identity's routes. The limits are the domain's own constants, so OpenAPI shows the
rules the domain enforces; the domain checks them again, and what pydantic cannot express
(surrounding white space, control and invisible characters, common passwords) only there."""

from datetime import datetime
from typing import Annotated, Literal, Self
from uuid import UUID

from pydantic import BaseModel, Field

from contexts.identity.application.session_tokens import SessionTokens
from contexts.identity.application.sign_in import SignedIn
from contexts.identity.application.user_view import UserView
from contexts.identity.domain.display_name import DISPLAY_NAME_MAX_LENGTH, DISPLAY_NAME_MIN_LENGTH
from contexts.identity.domain.password import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH
from contexts.identity.domain.username import USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH, USERNAME_PATTERN

DisplayNameField = Annotated[
    str,
    Field(
        min_length=DISPLAY_NAME_MIN_LENGTH,
        max_length=DISPLAY_NAME_MAX_LENGTH,
        description="Free text that shows what it holds: no control, format (bidi, zero-width) or"
        " invisible filler characters, a zero-width joiner or non-joiner only between visible"
        " characters; surrounding white space is removed.",
    ),
]


class NewUser(BaseModel):
    username: str = Field(
        min_length=USERNAME_MIN_LENGTH,
        max_length=USERNAME_MAX_LENGTH,
        pattern=USERNAME_PATTERN,
        description="Unique; lower-case letters, digits and `_ . -`.",
    )
    password: str = Field(
        min_length=PASSWORD_MIN_LENGTH,
        max_length=PASSWORD_MAX_LENGTH,
        description="Any characters but control characters, and not one of the 20,000 most common"
        " passwords in any case.",
    )
    display_name: DisplayNameField


class Credentials(BaseModel):
    username: str = Field(min_length=1, max_length=USERNAME_MAX_LENGTH, description="In any case.")
    password: str = Field(min_length=1, max_length=PASSWORD_MAX_LENGTH)
    device_token: str | None = Field(
        None,
        min_length=1,
        max_length=256,
        description="The `device_token` of this client's last sign-in to this username. A valid one has"
        " the password checked in a lane of its own and is not delayed by the failures of unknown"
        " clients; any other is ignored. It lets no one sign in without the password.",
    )


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=256)


class DisplayNameChange(BaseModel):
    display_name: DisplayNameField


class User(BaseModel):
    id: UUID
    username: str
    display_name: str
    created_at: datetime

    @classmethod
    def of(cls, user: UserView) -> Self:
        return cls(
            id=user.id, username=user.username, display_name=user.display_name, created_at=user.created_at
        )


class UserList(BaseModel):
    items: list[User]


class TokenPair(BaseModel):
    """A new session's tokens, or the next pair of a refreshed one."""

    access_token: str
    refresh_token: str = Field(
        description="Works once (and again within a short grace period): exchange it at"
        " `POST /api/v1/sessions/refresh`."
    )
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (a token type, not a secret)
    expires_in: int = Field(description="Seconds until the access token expires.")
    user: User

    @classmethod
    def of(cls, tokens: SessionTokens) -> Self:
        return cls(
            access_token=tokens.access_token,
            refresh_token=tokens.refresh_token,
            expires_in=tokens.expires_in_seconds,
            user=User.of(tokens.user),
        )


class NewSession(TokenPair):
    """A new session's tokens, and what recognises this client at its next sign-in."""

    device_token: str = Field(
        description="Send it with the next sign-in to this username from this client (`device_token`),"
        " in place of the one sent now, if any. Valid for `DEVICE_TOKEN_TTL_SECONDS`; keep it after"
        " signing out."
    )

    @classmethod
    def of_sign_in(cls, signed_in: SignedIn) -> Self:
        return cls(**TokenPair.of(signed_in.tokens).model_dump(), device_token=signed_in.device_token)


class Jwk(BaseModel):
    kty: str
    crv: str
    x: str
    kid: str
    alg: str
    use: str


class Jwks(BaseModel):
    keys: list[Jwk]
