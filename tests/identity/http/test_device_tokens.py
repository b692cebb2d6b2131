"""Sign-ins with a device token, while sign-ins from many addresses (a botnet, which the limits per
address do not stop) fill the hashing of unknown clients: its threads are held busy, its queue
full, and the flood's further sign-ins answered 503 (ADR 24)."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import httpx
import pytest

from tests.identity.http.conftest import (
    DEVICE_MAX_FAILURES,
    HASHING_QUEUE,
    HASHING_THREADS,
    MAX_FAILURES,
    Served,
    register,
    sign_in,
)
from tests.problems import assert_problem, escaped_json

FLOODERS = 3 * (HASHING_THREADS + HASHING_QUEUE)
ELSEWHERE = "198.51.100.7"


@pytest.fixture
async def device_token(served: Served) -> str:
    """Alice's, from her sign-in before the flood."""
    await register(served.client)
    token: str = (await sign_in(served.client))["device_token"]
    return token


@asynccontextmanager
async def flood(served: Served) -> AsyncIterator[list[httpx.Response]]:
    """FLOODERS sign-ins to unknown usernames at once, each from an address of its own, all asked of the
    hashing threads: those admitted are held there until the block ends. Yields their answers, complete
    after it."""
    answers: list[httpx.Response] = []
    asked_before = served.hashing.asked
    served.hashing.released.clear()
    async with AsyncExitStack() as clients:
        flooders = [
            await clients.enter_async_context(served.client_from(f"10.0.{number // 250}.{number % 250}"))
            for number in range(FLOODERS)
        ]
        in_flight = [
            asyncio.create_task(
                flooder.post("/api/v1/sessions", json={"username": f"nobody{number}", "password": "guess"})
            )
            for number, flooder in enumerate(flooders)
        ]
        try:
            await served.hashing.asked_for(asked_before + FLOODERS)
            yield answers
        finally:
            served.hashing.released.set()
            answers.extend(await asyncio.gather(*in_flight))


async def sign_in_from(served: Served, address: str, credentials: dict[str, Any]) -> httpx.Response:
    async with served.client_from(address) as client:
        return await client.post("/api/v1/sessions", json=credentials)


async def test_during_a_flood_from_many_addresses_a_sign_in_with_a_device_token_is_answered(
    served: Served, device_token: str
) -> None:
    alice = {"username": "alice", "password": "correct horse"}

    async with flood(served) as flood_answers:
        recognised = await sign_in_from(served, ELSEWHERE, {**alice, "device_token": device_token})
        unknown = await sign_in_from(served, ELSEWHERE, alice)

    assert recognised.status_code == 201, recognised.text
    assert recognised.json()["user"]["username"] == "alice"
    assert recognised.json()["device_token"] not in ("", device_token)
    assert_problem(unknown, 503)
    assert unknown.headers["retry-after"] == "1"
    assert sorted(answer.status_code for answer in flood_answers) == [401] * (
        HASHING_THREADS + HASHING_QUEUE
    ) + [503] * (FLOODERS - HASHING_THREADS - HASHING_QUEUE)


async def test_a_device_token_gives_nothing_for_another_account_nor_once_altered(
    served: Served, device_token: str
) -> None:
    await register(served.client, "bob", "Bob", "battery staple")
    middle = len(device_token) // 2
    altered = (
        device_token[:middle] + ("B" if device_token[middle] == "A" else "A") + device_token[middle + 1 :]
    )

    async with flood(served):
        for_bob = await sign_in_from(
            served, ELSEWHERE, {"username": "bob", "password": "battery staple", "device_token": device_token}
        )
        altered_for_alice = await sign_in_from(
            served, ELSEWHERE, {"username": "alice", "password": "correct horse", "device_token": altered}
        )

    assert_problem(for_bob, 503)
    assert_problem(altered_for_alice, 503)


async def test_after_repeated_failures_a_device_token_is_ignored(served: Served, device_token: str) -> None:
    for _ in range(DEVICE_MAX_FAILURES):
        wrong = {"username": "alice", "password": "wrong horse", "device_token": device_token}
        assert_problem(await sign_in_from(served, ELSEWHERE, wrong), 401)

    async with flood(served):
        response = await sign_in_from(
            served,
            ELSEWHERE,
            {"username": "alice", "password": "correct horse", "device_token": device_token},
        )

    assert_problem(response, 503)


async def test_a_device_token_is_not_delayed_by_failures_from_its_address(
    served: Served, device_token: str
) -> None:
    for _ in range(MAX_FAILURES):
        assert_problem(
            await served.client.post("/api/v1/sessions", json={"username": "alice", "password": "wrong"}), 401
        )
    assert_problem(
        await served.client.post("/api/v1/sessions", json={"username": "alice", "password": "correct horse"}),
        429,
    )

    assert (await sign_in(served.client, device_token=device_token))["user"]["username"] == "alice"


@pytest.mark.parametrize("device_token", ["", 7, "x" * 257, "\ud800"])
async def test_a_malformed_device_token_is_a_422(served: Served, device_token: object) -> None:
    body = {"username": "alice", "password": "correct horse", "device_token": device_token}

    assert_problem(await served.client.post("/api/v1/sessions", **escaped_json(body)), 422)
