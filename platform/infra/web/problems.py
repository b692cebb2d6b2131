"""Every error answer is an RFC 9457 problem document (`application/problem+json`).

Contexts raise the kernel's error categories and never build HTTP responses for errors; the
handlers here translate each category to its status once, for every context. A problem's
`type` is a stable URI derived from its title (one per kind of problem), so clients can tell
problems apart without parsing `detail`.
"""

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infra.failures import is_transient
from infra.web.responses import Responses
from kernel.errors import (
    AuthenticationError,
    ConflictError,
    ContentTooLargeError,
    DomainError,
    InvalidValueError,
    NotFoundError,
    OverloadedError,
    PermissionDeniedError,
    RateLimitedError,
    RetryLaterError,
    UnsupportedContentTypeError,
)

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE_BASE = "https://hexchat.dev/problems/"

_STATUS_OF: Sequence[tuple[type[DomainError], int]] = (
    (InvalidValueError, 422),
    (NotFoundError, 404),
    (ConflictError, 409),
    (ContentTooLargeError, 413),
    (UnsupportedContentTypeError, 415),
    (PermissionDeniedError, 403),
    (AuthenticationError, 401),
    (RateLimitedError, 429),
    (OverloadedError, 503),
)
_REQUEST_SOURCES = frozenset({"body", "query", "path", "header", "cookie"})


def problem_response(
    status: int,
    title: str,
    detail: str,
    *,
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    """A problem document; `extensions` become extra members (`errors`, `checks`, ...)."""
    body = {
        "type": PROBLEM_TYPE_BASE + title.lower().replace(" ", "-"),
        "title": title,
        "status": status,
        "detail": detail,
        **extensions,
    }
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def status_title(status: int) -> str:
    """The standard reason phrase in the kernel's sentence case: "Method not allowed"."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return phrase.capitalize()


def install_problem_handlers(app: FastAPI) -> None:
    """Translate known errors; unknown ones are `UnexpectedErrorMiddleware`'s."""
    app.add_exception_handler(DomainError, _domain_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _request_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]


async def _domain_error(_request: Request, error: DomainError) -> JSONResponse:
    status = next((status for kind, status in _STATUS_OF if isinstance(error, kind)), 400)
    headers: dict[str, str] = {}
    extensions: dict[str, Any] = {}
    if isinstance(error, InvalidValueError):
        extensions["errors"] = [{"field": error.field, "message": error.detail}]
    elif isinstance(error, AuthenticationError):
        headers["WWW-Authenticate"] = "Bearer"
    elif isinstance(error, RetryLaterError):
        headers["Retry-After"] = str(max(error.retry_after_seconds, 1))
    return problem_response(status, error.title, error.detail, headers=headers, **extensions)


async def _request_validation_error(_request: Request, error: RequestValidationError) -> JSONResponse:
    errors = [_field_error(e) for e in error.errors()]
    return problem_response(
        422,
        InvalidValueError.title,
        "The request has invalid values; see `errors`.",
        errors=errors,
    )


def _field_error(error: Any) -> dict[str, str]:
    """One pydantic error as `{field, message}`, reading only what is always JSON-safe.

    The raw error also carries the rejected input and a context that may hold exceptions or
    bytes; echoing those back could fail to serialise, or leak what the client sent.
    """
    location = [str(part) for part in error.get("loc", ())]
    if error.get("type") == "json_invalid":
        return {"field": "body", "message": "The body is not valid JSON."}
    if len(location) > 1 and location[0] in _REQUEST_SOURCES:
        location = location[1:]
    return {"field": ".".join(location), "message": str(error.get("msg", "Invalid value"))}


async def _http_error(_request: Request, error: HTTPException) -> JSONResponse:
    title = status_title(error.status_code)
    detail = error.detail if isinstance(error.detail, str) else title
    return problem_response(error.status_code, title, detail, headers=error.headers)


SERVER_AWAY_RETRY_AFTER_SECONDS = 5
"""What a client is told to wait when a server behind the API is away: about a restart's length."""

SERVER_AWAY: Responses = {
    503: {
        "description": "A server behind the API is away (a database restarting, say): nothing was changed,"
        " and the same request may be sent again after `Retry-After` seconds"
    }
}
"""The answer every route of a context may give, as each needs a database, Redis or the token keys."""


class UnexpectedErrorMiddleware:
    """Answers an exception no handler knows with a 500 problem, and logs it with its traceback;
    one that says a server behind the API is away (a database restarting, say) with a 503 and
    `Retry-After`, since trying again later will work and the client should (ADR 18).

    Starlette's own last-resort handler answers too, but then re-raises, so the server logs
    the error a second time outside the request's correlation scope; this one logs once,
    inside it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response_started = False

        async def send_noting_start(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_noting_start)
        except Exception as error:
            away = is_transient(error)
            log.error(
                "%s answering %s %s",
                "a server was away" if away else "unexpected error",
                scope["method"],
                scope["path"],
                exc_info=error,
            )
            if response_started:
                raise
            if away:
                response = problem_response(
                    503,
                    status_title(503),
                    "A server behind the API is unavailable; try again shortly.",
                    headers={"Retry-After": str(SERVER_AWAY_RETRY_AFTER_SECONDS)},
                )
            else:
                response = problem_response(500, status_title(500), "An unexpected error occurred.")
            await response(scope, receive, send)
