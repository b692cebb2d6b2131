"""Bodies no route can read, sent to every route that takes one: each is refused with the problem
the OpenAPI document names for it, before any route sees the body."""

import re
from typing import Any

import pytest

from contexts.messaging.adapters.inbound.http.uploads_router import larger_request_bodies
from contexts.messaging.settings import MessagingSettings
from tests.api import ChatApi, User
from tests.problems import assert_problem
from tests.resilience.documented import documented_operations

ANY_ID = "8c6f1d2e-0000-4000-8000-000000000000"
LARGER_BODIES = larger_request_bodies(MessagingSettings.model_fields["upload_max_bytes"].default)
"""The routes that take more than the default `MAX_REQUEST_BODY_BYTES` (64 KiB): uploads."""


def over_the_limit(path: str) -> bytes:
    return b" " * (LARGER_BODIES.get(path, 100_000) + 1)


@pytest.fixture(scope="module")
async def user(module_monolith: ChatApi) -> User:
    """Signed in, so that no route refuses the request for want of a token before reading its body."""
    return await module_monolith.sign_up()


@pytest.mark.parametrize(
    ("body", "status"),
    [(b"\xff\xfe{", 400), (None, 413)],
    ids=["not UTF-8", "too large"],
)
@pytest.mark.parametrize(
    ("method", "path", "responses"),
    [
        pytest.param(method, path, operation["responses"], id=f"{method} {path}")
        for method, path, operation in documented_operations()
        if "requestBody" in operation
    ],
)
async def test_a_body_no_route_can_read_is_refused_as_documented(
    user: User, method: str, path: str, responses: dict[str, Any], body: bytes | None, status: int
) -> None:
    """`body` None: one over the route's limit."""
    response = await user.client.request(
        method,
        re.sub(r"\{\w+\}", ANY_ID, path),
        content=over_the_limit(path) if body is None else body,
        headers={"content-type": "application/json"},
    )

    assert_problem(response, status)
    assert str(status) in responses
