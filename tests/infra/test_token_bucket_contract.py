"""The token bucket's contract, for the in-memory adapter and for Redis.

Every test counts tokens; the one that needs time to pass moves the in-memory clock, and for
Redis (whose own clock the script reads) waits as long as the rate says a token takes.
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from redis.asyncio import Redis

from infra.limits.in_memory_token_bucket import InMemoryTokenBucket
from infra.limits.rate_limit import Rate, RateLimit
from infra.limits.token_buckets import shared_token_bucket
from kernel.clock import SystemClock
from kernel.errors import RateLimitedError
from kernel.ids import new_id
from tests.clock import SteppedClock

SLOW = Rate(per_second=0.5, burst=3)
"""A token every 2 s: no token comes back while a test runs."""
FAST = Rate(per_second=20, burst=3)
"""A token every 50 ms, for the test that waits for them."""


@dataclass
class Limits:
    instance: Callable[[Rate], RateLimit]
    """The limit as one more instance of the application sees it."""
    let_time_pass: Callable[[timedelta], Awaitable[None]]


@pytest.fixture
async def limits(redis_url_or_none: str | None) -> AsyncIterator[Limits]:
    what = f"test {new_id().hex}"  # no other test (or earlier run, for Redis) uses its buckets
    if redis_url_or_none is None:
        clock = SteppedClock()
        buckets: dict[Rate, RateLimit] = {}

        async def advance(by: timedelta) -> None:
            clock.advance(by)

        yield Limits(lambda rate: buckets.setdefault(rate, InMemoryTokenBucket(what, rate, clock)), advance)
        return
    url = redis_url_or_none
    clients: list[Redis] = []

    def on_its_own_connections(rate: Rate) -> RateLimit:
        clients.append(Redis.from_url(url))
        return shared_token_bucket(what, rate, clients[-1], SystemClock())

    async def sleep(by: timedelta) -> None:
        await asyncio.sleep(by.total_seconds())

    yield Limits(on_its_own_connections, sleep)
    for client in clients:
        await client.aclose()


async def take(limit: RateLimit, key: str, times: int) -> None:
    for _ in range(times):
        await limit.take(key)


async def test_a_burst_passes_and_the_next_request_is_refused_until_a_token_comes(limits: Limits) -> None:
    limit = limits.instance(SLOW)
    await take(limit, "alice", SLOW.burst)

    with pytest.raises(RateLimitedError) as refused:
        await limit.take("alice")
    assert refused.value.retry_after_seconds == 2
    assert "try again in 2 s" in refused.value.detail


async def test_each_key_has_a_bucket_of_its_own(limits: Limits) -> None:
    limit = limits.instance(SLOW)
    await take(limit, "alice", SLOW.burst)

    await take(limit, "bob", SLOW.burst)


async def test_refused_requests_take_no_token(limits: Limits) -> None:
    limit = limits.instance(FAST)
    await take(limit, "alice", FAST.burst)
    for _ in range(5):
        with pytest.raises(RateLimitedError):
            await limit.take("alice")

    await limits.let_time_pass(timedelta(seconds=1.5 / FAST.per_second))

    await limit.take("alice")


async def test_an_idle_bucket_fills_up_to_its_burst_and_no_further(limits: Limits) -> None:
    limit = limits.instance(FAST)
    await take(limit, "alice", FAST.burst)

    await limits.let_time_pass(timedelta(seconds=3 * FAST.seconds_to_fill))

    await take(limit, "alice", FAST.burst)
    with pytest.raises(RateLimitedError):
        await limit.take("alice")


async def test_every_instance_takes_from_the_same_bucket(limits: Limits) -> None:
    first, second = limits.instance(SLOW), limits.instance(SLOW)
    await take(first, "alice", SLOW.burst - 1)
    await second.take("alice")

    with pytest.raises(RateLimitedError):
        await first.take("alice")
    with pytest.raises(RateLimitedError):
        await second.take("alice")


async def test_while_redis_is_away_each_process_limits_on_its_own(caplog: pytest.LogCaptureFixture) -> None:
    away = Redis.from_url("redis://127.0.0.1:9/0", socket_connect_timeout=0.5)
    limit = shared_token_bucket(f"test {new_id().hex}", SLOW, away, SteppedClock())
    try:
        await take(limit, "alice", SLOW.burst)
        with pytest.raises(RateLimitedError):
            await limit.take("alice")
    finally:
        await away.aclose()
    assert [record.levelname for record in caplog.records if "Redis is away" in record.message] == ["WARNING"]
