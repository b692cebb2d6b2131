"""How tests send what a client cannot easily send, and check what every error answer must be."""

import json
from typing import Any

import httpx


def escaped_json(body: object) -> dict[str, Any]:
    """Request arguments sending `body` as ASCII JSON, where even a lone surrogate can travel."""
    return {"content": json.dumps(body), "headers": {"content-type": "application/json"}}


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """`response` is an RFC 9457 problem with `status`; answers the problem for further checks."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert {"type", "title", "detail"} <= problem.keys()
    return problem
