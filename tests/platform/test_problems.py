from typing import Annotated

import pytest
from fastapi import APIRouter, FastAPI, Query
from pydantic import BaseModel, Field, field_validator
from sqlalchemy.exc import OperationalError

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
    UnsupportedContentTypeError,
)
from tests.platform.conftest import app_with, client_for

PROBLEM_JSON = "application/problem+json"


class Item(BaseModel):
    name: str = Field(min_length=3)
    count: int
    tags: list[str] = []

    @field_validator("tags")
    @classmethod
    def no_reserved_tag(cls, tags: list[str]) -> list[str]:
        if "reserved" in tags:
            raise ValueError("the tag `reserved` is taken")
        return tags


router = APIRouter()
ERRORS: dict[str, Exception] = {
    "invalid": InvalidValueError("username", "Usernames have 3 to 32 characters."),
    "not-found": NotFoundError("No such group."),
    "conflict": ConflictError("That username is taken."),
    "too-large": ContentTooLargeError("The file is larger than 10 bytes."),
    "unsupported": UnsupportedContentTypeError("Executables are not taken."),
    "forbidden": PermissionDeniedError("Only the owner may do this."),
    "unauthorized": AuthenticationError("Wrong username or password."),
    "rate-limited": RateLimitedError("Too many failed logins.", retry_after_seconds=30),
    "overloaded": OverloadedError("Too busy hashing passwords.", retry_after_seconds=2),
    "rate-limited-until-now": RateLimitedError("Too many, a moment ago.", retry_after_seconds=0),
    "refused": DomainError("No."),
    "unexpected": RuntimeError("a bug, with a secret in it"),
    "database-away": OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused")),
}


@router.get("/errors/{kind}")
async def fail(kind: str) -> None:
    raise ERRORS[kind]


@router.post("/items", status_code=201)
async def create_item(item: Item, limit: Annotated[int, Query(ge=1)] = 10) -> Item:
    return item


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return app_with(router)


@pytest.mark.parametrize(
    ("kind", "status", "title"),
    [
        ("invalid", 422, "Invalid value"),
        ("not-found", 404, "Not found"),
        ("conflict", 409, "Conflict"),
        ("too-large", 413, "Content too large"),
        ("unsupported", 415, "Unsupported media type"),
        ("forbidden", 403, "Forbidden"),
        ("unauthorized", 401, "Unauthorized"),
        ("rate-limited", 429, "Too many requests"),
        ("overloaded", 503, "Service unavailable"),
        ("refused", 400, "Request refused"),
    ],
)
async def test_each_domain_error_is_a_problem_with_its_status(
    app: FastAPI, kind: str, status: int, title: str
) -> None:
    async with client_for(app) as client:
        response = await client.get(f"/errors/{kind}")

    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status
    assert body["title"] == title
    assert body["detail"] == str(ERRORS[kind])
    assert body["type"] == "https://hexchat.dev/problems/" + title.lower().replace(" ", "-")


async def test_an_invalid_value_names_its_field(app: FastAPI) -> None:
    async with client_for(app) as client:
        response = await client.get("/errors/invalid")

    assert response.json()["errors"] == [
        {"field": "username", "message": "Usernames have 3 to 32 characters."}
    ]


async def test_an_authentication_problem_asks_for_a_bearer_token(app: FastAPI) -> None:
    async with client_for(app) as client:
        response = await client.get("/errors/unauthorized")

    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("kind", "retry_after"),
    [("rate-limited", "30"), ("overloaded", "2"), ("rate-limited-until-now", "1")],
    ids=["rate-limited", "overloaded", "at-least-a-second-as-documented"],
)
async def test_a_rate_limit_or_overload_problem_says_when_to_retry(
    app: FastAPI, kind: str, retry_after: str
) -> None:
    async with client_for(app) as client:
        response = await client.get(f"/errors/{kind}")

    assert response.headers["retry-after"] == retry_after


async def test_an_unexpected_error_is_a_500_problem_that_discloses_nothing(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    async with client_for(app) as client:
        response = await client.get("/errors/unexpected")

    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["title"] == "Internal server error"
    assert "secret" not in response.text
    logged = [r for r in caplog.records if r.exc_info and isinstance(r.exc_info[1], RuntimeError)]
    assert len(logged) == 1


async def test_a_server_that_is_away_is_a_503_problem_that_says_when_to_retry(app: FastAPI) -> None:
    async with client_for(app) as client:
        response = await client.get("/errors/database-away")

    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM_JSON
    assert int(response.headers["retry-after"]) > 0
    assert "SELECT" not in response.text


async def test_invalid_fields_of_a_body_and_a_query_are_listed(app: FastAPI) -> None:
    async with client_for(app) as client:
        response = await client.post("/items?limit=0", json={"name": "ab", "count": "many", "tags": [1]})

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    body = response.json()
    assert body["title"] == "Invalid value"
    assert {e["field"] for e in body["errors"]} == {"name", "count", "tags.0", "limit"}
    assert all(isinstance(e["message"], str) and e["message"] for e in body["errors"])


async def test_a_missing_field_is_listed(app: FastAPI) -> None:
    async with client_for(app) as client:
        response = await client.post("/items", json={"name": "abc"})

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["count"]


async def test_a_failing_custom_validator_is_listed_without_its_exception(app: FastAPI) -> None:
    async with client_for(app) as client:
        response = await client.post("/items", json={"name": "abc", "count": 1, "tags": ["reserved"]})

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "tags"
    assert "reserved" in error["message"]


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b'{"name": "abc", "count": ', "application/json"),
        (b"\xff\xfe not even text", "application/json"),
    ],
)
async def test_a_malformed_json_body_is_a_422_problem(
    app: FastAPI, content: bytes, content_type: str
) -> None:
    async with client_for(app) as client:
        response = await client.post("/items", content=content, headers={"content-type": content_type})

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["errors"] == [{"field": "body", "message": "The body is not valid JSON."}]


@pytest.mark.parametrize("body", [b"name=abc&count=1", b"\x00\x01\x02", b""])
async def test_a_body_that_is_not_json_is_a_problem(app: FastAPI, body: bytes) -> None:
    async with client_for(app) as client:
        response = await client.post("/items", content=body, headers={"content-type": "text/plain"})

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["errors"]


async def test_an_unknown_route_is_a_404_problem(app: FastAPI) -> None:
    async with client_for(app) as client:
        response = await client.get("/nowhere")

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["title"] == "Not found"


async def test_a_wrong_method_is_a_405_problem_naming_the_allowed_ones(app: FastAPI) -> None:
    async with client_for(app) as client:
        response = await client.delete("/items")

    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["title"] == "Method not allowed"
    assert response.headers["allow"] == "POST"
