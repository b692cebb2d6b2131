from collections.abc import Callable
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response

from contexts.identity.adapters.inbound.http.schemas import (
    Credentials,
    DisplayNameChange,
    Jwks,
    NewSession,
    NewUser,
    RefreshRequest,
    TokenPair,
    User,
    UserList,
)
from contexts.identity.application.change_display_name import ChangeDisplayName
from contexts.identity.application.get_user import GetUser
from contexts.identity.application.refresh_session import RefreshSession
from contexts.identity.application.register_user import RegisterUser
from contexts.identity.application.search_users import SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX, SearchUsers
from contexts.identity.application.sign_in import SignIn
from contexts.identity.application.sign_out import SignOut
from contexts.identity.domain.name_prefix import NAME_PREFIX_MAX_LENGTH, NAME_PREFIX_MIN_LENGTH
from infra.web.auth import CurrentPrincipal
from infra.web.responses import UNAUTHORIZED

_BUSY_HASHING = {
    "description": "Too many passwords are being checked at once, or a server behind the API is away;"
    " try again after `Retry-After` seconds"
}


async def _not_stored(response: Response) -> None:
    """Answers carrying tokens are kept by no cache, the browser's included."""
    response.headers["Cache-Control"] = "no-store"


def build_router(
    *,
    register_user: RegisterUser,
    sign_in: SignIn,
    refresh_session: RefreshSession,
    sign_out: SignOut,
    change_display_name: ChangeDisplayName,
    get_user: GetUser,
    search_users: SearchUsers,
    jwks: Callable[[], dict[str, Any]],
) -> APIRouter:
    router = APIRouter(tags=["identity"])

    @router.post(
        "/api/v1/users",
        status_code=201,
        summary="Register a user",
        responses={
            409: {"description": "The username is taken"},
            429: {"description": "Too many sign-ups from this address; see `Retry-After`"},
            503: _BUSY_HASHING,
        },
    )
    async def register(body: NewUser, request: Request) -> User:
        return User.of(
            await register_user(body.username, body.password, body.display_name, client_address(request))
        )

    @router.post(
        "/api/v1/sessions",
        name="sign_in",  # the operation's id in the API, as before the use case took the name
        status_code=201,
        dependencies=[Depends(_not_stored)],
        summary="Sign in",
        description="A sign-in with a valid `device_token` for the username (answered by this client's"
        " last sign-in to it) has its password checked in a lane of its own, which sign-ins without one"
        " cannot fill, and the limits per address neither delay nor count it. It is treated as any other"
        " sign-in while that lane is full, after `DEVICE_TOKEN_MAX_FAILURES` failures with the token (for"
        " a while that doubles with each further failure), and beyond `DEVICE_SIGN_IN_ACCOUNT_MAX`"
        " sign-ins to the username with device tokens within `DEVICE_SIGN_IN_WINDOW_SECONDS`.",
        responses={
            401: {"description": "Unknown username or wrong password"},
            429: {
                "description": "Without a valid device token: too many failed sign-ins to this username"
                " from this address, or from this address in all; see `Retry-After`"
            },
            503: _BUSY_HASHING,
        },
    )
    async def start_session(body: Credentials, request: Request) -> NewSession:
        return NewSession.of_sign_in(
            await sign_in(body.username, body.password, client_address(request), body.device_token)
        )

    @router.post(
        "/api/v1/sessions/refresh",
        status_code=201,
        dependencies=[Depends(_not_stored)],
        summary="Exchange a refresh token for a new pair of tokens",
        description="The presented refresh token stops working, but for a grace period"
        " (`REFRESH_TOKEN_GRACE_SECONDS`) in which presenting it again answers the same new refresh"
        " token, so that two tabs refreshing at once, or a retry after a lost answer, keep the session."
        " Presenting one that was already exchanged otherwise answers 401 and ends its session: every"
        " token of it stops working.",
        responses={401: {"description": "The refresh token is unknown, used, expired or revoked"}},
    )
    async def refresh(body: RefreshRequest) -> TokenPair:
        return TokenPair.of(await refresh_session(body.refresh_token))

    @router.delete(
        "/api/v1/sessions/current",
        name="sign_out",  # the operation's id in the API, as before the use case took the name
        status_code=204,
        response_class=Response,
        summary="Sign out: end the session of the access token",
        responses=UNAUTHORIZED,
    )
    async def end_session(principal: CurrentPrincipal) -> None:
        await sign_out(user_id=principal.user_id, session_id=principal.session_id)

    @router.get("/api/v1/users/me", summary="The signed-in user", responses=UNAUTHORIZED)
    async def me(principal: CurrentPrincipal) -> User:
        return User.of(await get_user(principal.user_id))

    @router.patch("/api/v1/users/me", summary="Change the display name", responses=UNAUTHORIZED)
    async def change_me(body: DisplayNameChange, principal: CurrentPrincipal) -> User:
        return User.of(await change_display_name(principal.user_id, body.display_name))

    @router.get(
        "/api/v1/users",
        summary="Find users by the start of their username or display name, ignoring case",
        responses=UNAUTHORIZED,
    )
    async def search(
        principal: CurrentPrincipal,
        q: Annotated[
            str,
            Query(
                min_length=NAME_PREFIX_MIN_LENGTH,
                max_length=NAME_PREFIX_MAX_LENGTH,
                description="The start of a username or display name, in any case.",
            ),
        ],
        limit: Annotated[
            int, Query(ge=1, le=SEARCH_LIMIT_MAX, description="At most this many users, by username.")
        ] = SEARCH_LIMIT_DEFAULT,
    ) -> UserList:
        return UserList(items=[User.of(user) for user in await search_users(q, limit)])

    @router.get(
        "/api/v1/users/{user_id}",
        summary="A user",
        responses={**UNAUTHORIZED, 404: {"description": "No such user"}},
    )
    async def user(user_id: UUID, principal: CurrentPrincipal) -> User:
        return User.of(await get_user(user_id))

    @router.get("/.well-known/jwks.json", summary="The public keys that verify access tokens")
    async def key_set() -> Jwks:
        return Jwks.model_validate(jwks())

    return router


def client_address(request: Request) -> str:
    """The address the request came from, as the server sees it: behind a trusted proxy, the
    client's own (uvicorn reads `X-Forwarded-For` from the proxies of FORWARDED_ALLOW_IPS)."""
    return request.client.host if request.client else "unknown"
