"""Bodies no route can read, sent to every route that takes one: each is refused with the problem
the OpenAPI document names for it, before any route sees the body."""

import re
from typing import Any

import pytest

from tests.api import ChatApi, User
from tests.problems import assert_problem
from tests.resilience.documented import documented_operations

ANY_ID = "8c6f1d2e-0000-4000-8000-000000000000"
OVER_THE_LIMIT = b" " * 100_000
"""Larger than the default `MAX_REQUEST_BODY_BYTES`, 64 KiB."""


@pytest.fixture(scope="module")
async def user(module_monolith: ChatApi) -> User:
    """Signed in, so that no route refuses the request for want of a token before reading its body."""
    return await module_monolith.sign_up()


@pytest.mark.parametrize(
    ("body", "status"),
    [(b"\xff\xfe{", 400), (OVER_THE_LIMIT, 413)],
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
    user: User, method: str, path: str, responses: dict[str, Any], body: bytes, status: int
) -> None:
    response = await user.client.request(
        method, re.sub(r"\{\w+\}", ANY_ID, path), content=body, headers={"content-type": "application/json"}
    )

    assert_problem(response, status)
    assert str(status) in responses
