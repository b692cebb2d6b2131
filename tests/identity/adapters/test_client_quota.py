"""The client quota's contract, for the in-memory adapter and for Redis, on a clock the test moves."""

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from redis.asyncio import Redis

from contexts.identity.adapters.outbound.in_memory_client_quota import InMemoryClientQuota
from contexts.identity.adapters.outbound.redis_client_quota import RedisClientQuota
from contexts.identity.ports.client_quota import ClientQuota
from kernel.errors import RateLimitedError
from kernel.ids import new_id
from tests.clock import SteppedClock

QUOTA = 3
WINDOW = timedelta(seconds=60)


@pytest.fixture
def clock() -> SteppedClock:
    return SteppedClock()


@pytest.fixture
async def quota(redis_url_or_none: str | None, clock: SteppedClock) -> AsyncIterator[ClientQuota]:
    if redis_url_or_none is None:
        yield InMemoryClientQuota(clock, QUOTA, WINDOW, "too many")
        return
    redis = Redis.from_url(redis_url_or_none)
    yield RedisClientQuota(redis, clock, "test-quota", QUOTA, WINDOW, "too many")
    await redis.aclose()


@pytest.fixture
def client() -> str:
    """An address no other test (or earlier run, for Redis) has used."""
    return f"client-{new_id().hex}"


async def taken(quota: ClientQuota, client: str) -> bool:
    try:
        await quota.take(client)
    except RateLimitedError:
        return False
    return True


async def test_the_quota_is_refused_once_used_up_saying_when_the_window_ends(
    quota: ClientQuota, client: str, clock: SteppedClock
) -> None:
    for _ in range(QUOTA):
        await quota.take(client)
    clock.advance(timedelta(seconds=15))

    with pytest.raises(RateLimitedError) as limited:
        await quota.take(client)

    assert limited.value.retry_after_seconds == 45
    clock.advance(timedelta(seconds=45))
    assert await taken(quota, client)


async def test_takes_sent_at_once_get_no_more_than_the_quota(quota: ClientQuota, client: str) -> None:
    outcomes = await asyncio.gather(*(taken(quota, client) for _ in range(30)))

    assert outcomes.count(True) == QUOTA


async def test_one_given_back_may_be_taken_again(quota: ClientQuota, client: str) -> None:
    for _ in range(QUOTA):
        await quota.take(client)

    await quota.give_back(client)

    assert await taken(quota, client)
    assert not await taken(quota, client)


async def test_clients_are_counted_apart(quota: ClientQuota, client: str) -> None:
    for _ in range(QUOTA):
        await quota.take(client)

    assert await taken(quota, f"{client}-other")
