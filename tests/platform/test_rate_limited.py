"""Rate-limited routes over HTTP: a 429 problem with Retry-After, per caller, and with Redis,
one bucket for every instance of the application."""

from collections.abc import AsyncIterator

import pytest
from fastapi import APIRouter, FastAPI
from redis.asyncio import Redis

from infra.limits.rate_limit import Rate, RateLimit
from infra.limits.token_buckets import shared_token_bucket
from infra.web.rate_limited import rate_limited
from kernel.clock import SystemClock
from kernel.ids import new_id
from tests.platform.conftest import app_with, client_for
from tests.platform.signing import SigningKey

RATE = Rate(per_second=0.1, burst=3)
"""A token every 10 s: none comes back while a test runs."""


def app_limited_by(limit: RateLimit, key: SigningKey) -> FastAPI:
    router = APIRouter()

    @router.post("/things", status_code=204, dependencies=[rate_limited(limit)])
    async def make_thing() -> None:
        return None

    return app_with(router, keys=[key])


@pytest.fixture
async def redis_or_none(redis_url_or_none: str | None) -> AsyncIterator[Redis | None]:
    if redis_url_or_none is None:
        yield None
        return
    client = Redis.from_url(redis_url_or_none)
    yield client
    await client.aclose()


async def test_a_request_beyond_the_burst_is_a_429_problem_and_other_users_go_on(
    redis_or_none: Redis | None, signing_key: SigningKey
) -> None:
    limit = shared_token_bucket(f"things {new_id().hex}", RATE, redis_or_none, SystemClock())
    alice, bob = signing_key.issue(iss="hexchat"), signing_key.issue(iss="hexchat")
    async with client_for(app_limited_by(limit, signing_key)) as client:
        for _ in range(RATE.burst):
            assert (
                await client.post("/things", headers={"Authorization": f"Bearer {alice}"})
            ).status_code == 204

        refused = await client.post("/things", headers={"Authorization": f"Bearer {alice}"})
        other_user = await client.post("/things", headers={"Authorization": f"Bearer {bob}"})

    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["Retry-After"] == "10"
    assert refused.json()["title"] == "Too many requests"
    assert other_user.status_code == 204


async def test_an_anonymous_request_is_a_401_not_a_token_taken(signing_key: SigningKey) -> None:
    limit = shared_token_bucket("things", Rate(per_second=0.1, burst=1), None, SystemClock())
    async with client_for(app_limited_by(limit, signing_key)) as client:
        answers = [(await client.post("/things")).status_code for _ in range(2)]

    assert answers == [401, 401]


async def test_with_redis_two_instances_of_the_application_share_each_users_bucket(
    redis_url: str, signing_key: SigningKey
) -> None:
    what = f"things {new_id().hex}"
    first_redis, second_redis = Redis.from_url(redis_url), Redis.from_url(redis_url)
    first = app_limited_by(shared_token_bucket(what, RATE, first_redis, SystemClock()), signing_key)
    second = app_limited_by(shared_token_bucket(what, RATE, second_redis, SystemClock()), signing_key)
    alice = {"Authorization": f"Bearer {signing_key.issue(iss='hexchat')}"}
    async with client_for(first) as on_first, client_for(second) as on_second:
        answers = [
            (await (on_first if n % 2 else on_second).post("/things", headers=alice)).status_code
            for n in range(RATE.burst + 2)
        ]

    assert answers == [204] * RATE.burst + [429, 429]
    await first_redis.aclose()
    await second_redis.aclose()
