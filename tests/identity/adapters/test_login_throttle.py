"""The login throttle's contract, for the in-memory adapter and for Redis."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from redis.asyncio import Redis

from contexts.identity.adapters.outbound.in_memory_login_throttle import InMemoryLoginThrottle
from contexts.identity.adapters.outbound.redis_login_throttle import RedisLoginThrottle
from contexts.identity.ports.login_throttle import LoginThrottle
from kernel.errors import RateLimitedError
from kernel.ids import new_id
from tests.clock import SteppedClock

MAX_FAILURES = 3
WINDOW_SECONDS = 1


@dataclass
class Throttled:
    throttle: LoginThrottle
    let_window_pass: Callable[[], Awaitable[None]]


@pytest.fixture
async def throttled(redis_url_or_none: str | None) -> AsyncIterator[Throttled]:
    if redis_url_or_none is None:
        clock = SteppedClock()

        async def advance_clock() -> None:
            clock.advance(timedelta(seconds=WINDOW_SECONDS))

        yield Throttled(InMemoryLoginThrottle(clock, MAX_FAILURES, WINDOW_SECONDS), advance_clock)
        return
    redis = Redis.from_url(redis_url_or_none)

    async def wait_for_expiry() -> None:
        await asyncio.sleep(WINDOW_SECONDS + 0.2)

    yield Throttled(RedisLoginThrottle(redis, MAX_FAILURES, WINDOW_SECONDS), wait_for_expiry)
    await redis.aclose()


@pytest.fixture
def key() -> str:
    """A name no other test (or earlier run, for Redis) has used."""
    return f"user-{new_id().hex}"


async def fail(throttle: LoginThrottle, key: str, times: int) -> None:
    for _ in range(times):
        await throttle.record_failure(key)


async def test_fewer_failures_than_the_maximum_pass(throttled: Throttled, key: str) -> None:
    await throttled.throttle.check(key)
    await fail(throttled.throttle, key, MAX_FAILURES - 1)

    await throttled.throttle.check(key)


async def test_the_maximum_of_failures_locks_the_key_and_says_when_to_retry(
    throttled: Throttled, key: str
) -> None:
    await fail(throttled.throttle, key, MAX_FAILURES)

    with pytest.raises(RateLimitedError) as limited:
        await throttled.throttle.check(key)

    assert 1 <= limited.value.retry_after_seconds <= WINDOW_SECONDS


async def test_keys_are_counted_apart(throttled: Throttled, key: str) -> None:
    await fail(throttled.throttle, key, MAX_FAILURES)

    await throttled.throttle.check(f"{key}-other")


async def test_a_reset_forgets_the_failures(throttled: Throttled, key: str) -> None:
    await fail(throttled.throttle, key, MAX_FAILURES)

    await throttled.throttle.reset(key)

    await throttled.throttle.check(key)
    await fail(throttled.throttle, key, MAX_FAILURES - 1)
    await throttled.throttle.check(key)


async def test_the_lock_ends_with_the_window_that_began_at_the_first_failure(
    throttled: Throttled, key: str
) -> None:
    await fail(throttled.throttle, key, MAX_FAILURES)

    await throttled.let_window_pass()

    await throttled.throttle.check(key)
    await fail(throttled.throttle, key, MAX_FAILURES - 1)
    await throttled.throttle.check(key)
