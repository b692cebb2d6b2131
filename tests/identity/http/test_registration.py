import asyncio
from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

import httpx
import pytest

from contexts.identity.contracts.events import UserRegistered
from kernel.integration_event import IntegrationEvent
from tests.identity.http.conftest import (
    HASHING_QUEUE,
    HASHING_THREADS,
    SIGN_UP_MAX,
    Served,
    register,
    sign_in,
)
from tests.problems import assert_problem, escaped_json
from tests.resilience.documented import assert_documented

VALID = {"username": "alice", "password": "correct horse", "display_name": "Alice"}


async def test_registration_answers_the_new_user(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/users", json={**VALID, "display_name": "  Zoë 🚀 "})

    assert response.status_code == 201
    user = response.json()
    assert user.keys() == {"id", "username", "display_name", "created_at"}
    assert UUID(user["id"])
    assert (user["username"], user["display_name"]) == ("alice", "Zoë 🚀")
    assert datetime.fromisoformat(user["created_at"]).utcoffset() is not None


async def test_a_taken_username_is_a_409_problem(client: httpx.AsyncClient) -> None:
    await register(client, "alice")

    response = await client.post("/api/v1/users", json={**VALID, "display_name": "Another"})

    assert_problem(response, 409)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", "ab"),
        ("username", "a" * 33),
        ("username", "Alice"),
        ("username", "al ice"),
        ("username", "ålice"),
        ("username", "al\x00ice"),
        ("username", 42),
        ("username", None),
        ("password", "7 chars"),
        ("password", "x" * 129),
        ("password", "pass\x00word"),
        ("password", ["correct horse"]),
        ("display_name", ""),
        ("display_name", "   "),
        ("display_name", "x" * 65),
        ("display_name", "Al\x00ice"),
        ("display_name", "\x1b[31mred"),
        ("display_name", "\u202egpj.exe"),
        ("display_name", "Al\u200bice"),
        ("display_name", "\u2800"),
        ("display_name", "x" * 10_000),
        ("display_name", {"first": "Alice"}),
    ],
)
async def test_each_broken_rule_is_a_422_problem_naming_the_field(
    client: httpx.AsyncClient, field: str, value: object
) -> None:
    response = await client.post("/api/v1/users", json={**VALID, field: value})

    problem = assert_problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == [field]


@pytest.mark.parametrize("reserved", ["all", "everyone"])
async def test_a_name_that_mentions_everyone_is_reserved_a_422_problem_naming_the_username(
    client: httpx.AsyncClient, reserved: str
) -> None:
    response = await client.post("/api/v1/users", json={**VALID, "username": reserved})

    problem = assert_problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == ["username"]
    assert "reserved" in problem["errors"][0]["message"]


async def test_a_common_password_is_a_422_problem_naming_the_password(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/users", json={**VALID, "password": "Password123"})

    problem = assert_problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == ["password"]
    assert "common" in problem["errors"][0]["message"]
    assert (await client.post("/api/v1/users", json=VALID)).status_code == 201


@pytest.mark.parametrize("missing", ["username", "password", "display_name"])
async def test_a_missing_field_is_a_422_problem(client: httpx.AsyncClient, missing: str) -> None:
    body = {key: value for key, value in VALID.items() if key != missing}

    problem = assert_problem(await client.post("/api/v1/users", json=body), 422)

    assert [error["field"] for error in problem["errors"]] == [missing]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"not json",
        b"[]",
        b'"alice"',
        b"null",
        b'{"username": "alice", "password": "correct horse"',
    ],
)
async def test_a_body_that_is_no_json_object_is_a_422_problem(
    client: httpx.AsyncClient, content: bytes
) -> None:
    response = await client.post(
        "/api/v1/users", content=content, headers={"content-type": "application/json"}
    )

    assert_problem(response, 422)


@pytest.mark.parametrize("field", ["username", "password", "display_name"])
async def test_a_lone_surrogate_is_a_422_problem(client: httpx.AsyncClient, field: str) -> None:
    response = await client.post("/api/v1/users", **escaped_json({**VALID, field: "abc\ud800defghij"}))

    assert_problem(response, 422)


async def test_a_registration_is_published_to_other_contexts(served: Served) -> None:
    received: list[IntegrationEvent] = []
    arrived = asyncio.Event()

    async def handle(events: Sequence[IntegrationEvent]) -> None:
        received.extend(events)
        arrived.set()

    served.bus.subscribe("test", [UserRegistered.TYPE], handle)
    await served.bus.start()
    try:
        user = await register(served.client)
        await asyncio.wait_for(arrived.wait(), timeout=10)
    finally:
        await served.bus.stop()

    [event] = received
    assert UserRegistered.from_event(event) == UserRegistered(
        user_id=user["id"], username="alice", display_name="Alice", created_at=event.data["created_at"]
    )


async def test_sign_ups_beyond_the_quota_of_an_address_answer_429_with_retry_after(served: Served) -> None:
    for number in range(SIGN_UP_MAX):
        await register(served.client, username=f"user{number}")

    response = await served.client.post("/api/v1/users", json=VALID)

    assert_problem(response, 429)
    assert response.headers["retry-after"] == "3600"
    async with served.client_from("198.51.100.7") as elsewhere:
        await register(elsewhere)


async def test_beyond_the_hashing_threads_and_queue_a_sign_up_or_sign_in_answers_503_with_retry_after(
    served: Served,
) -> None:
    await register(served.client)
    asked_before = served.hashing.asked
    served.hashing.released.clear()
    in_flight = [
        asyncio.create_task(register(served.client, username=f"user{number}"))
        for number in range(HASHING_THREADS + HASHING_QUEUE)
    ]
    await served.hashing.asked_for(asked_before + HASHING_THREADS + HASHING_QUEUE)

    refusals = {
        "/api/v1/users": await served.client.post("/api/v1/users", json={**VALID, "username": "one-more"}),
        "/api/v1/sessions": await served.client.post(
            "/api/v1/sessions", json={"username": "alice", "password": "correct horse"}
        ),
    }
    served.hashing.released.set()  # before any assertion, so that one failing leaves no thread held
    await asyncio.gather(*in_flight)

    for path, refused in refusals.items():
        assert_problem(refused, 503)
        assert refused.headers["retry-after"] == "1"
        assert_documented("POST", path, refused)
    await sign_in(served.client)
