"""The login throttle's contract, for the in-memory adapter and for Redis, on a clock the test moves."""

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from redis.asyncio import Redis

from contexts.identity.adapters.outbound.in_memory_sign_in_throttle import InMemorySignInThrottle
from contexts.identity.adapters.outbound.redis_sign_in_throttle import RedisSignInThrottle
from contexts.identity.domain.sign_in_delays import SignInDelays
from contexts.identity.ports.sign_in_throttle import SignInThrottle
from kernel.errors import RateLimitedError
from kernel.ids import new_id
from tests.clock import SteppedClock

DELAYS = SignInDelays(free_attempts=3, ceiling=timedelta(seconds=10))
CLIENT, ELSEWHERE = "192.0.2.1", "2001:db8::1"


@pytest.fixture
def clock() -> SteppedClock:
    return SteppedClock()


@pytest.fixture
async def throttle(redis_url_or_none: str | None, clock: SteppedClock) -> AsyncIterator[SignInThrottle]:
    if redis_url_or_none is None:
        yield InMemorySignInThrottle(clock, DELAYS)
        return
    redis = Redis.from_url(redis_url_or_none)
    yield RedisSignInThrottle(redis, clock, "test-failures", DELAYS)
    await redis.aclose()


@pytest.fixture
def account() -> str:
    """A name no other test (or earlier run, for Redis) has used."""
    return f"user-{new_id().hex}"


async def admitted(throttle: SignInThrottle, account: str, client: str = CLIENT) -> bool:
    try:
        await throttle.admit(account, client)
    except RateLimitedError:
        return False
    return True


async def test_the_free_attempts_are_admitted_and_the_next_waits_a_second(
    throttle: SignInThrottle, account: str, clock: SteppedClock
) -> None:
    for _ in range(DELAYS.free_attempts):
        await throttle.admit(account, CLIENT)

    with pytest.raises(RateLimitedError) as limited:
        await throttle.admit(account, CLIENT)

    assert limited.value.retry_after_seconds == 1
    clock.advance(timedelta(seconds=1))
    assert await admitted(throttle, account)


async def test_each_further_attempt_waits_twice_as_long_up_to_the_ceiling(
    throttle: SignInThrottle, account: str, clock: SteppedClock
) -> None:
    waits: list[int] = []
    while len(waits) < 6:
        try:
            await throttle.admit(account, CLIENT)
        except RateLimitedError as limited:
            waits.append(limited.retry_after_seconds)
            clock.advance(timedelta(seconds=limited.retry_after_seconds))

    assert waits == [1, 2, 4, 8, 10, 10]


async def test_a_refused_attempt_counts_nothing(
    throttle: SignInThrottle, account: str, clock: SteppedClock
) -> None:
    for _ in range(DELAYS.free_attempts):
        await throttle.admit(account, CLIENT)
    for _ in range(5):
        assert not await admitted(throttle, account)

    clock.advance(timedelta(seconds=1))

    assert await admitted(throttle, account)
    with pytest.raises(RateLimitedError) as limited:
        await throttle.admit(account, CLIENT)
    assert limited.value.retry_after_seconds == 2


async def test_attempts_sent_at_once_are_admitted_no_more_than_the_free_ones(
    throttle: SignInThrottle, account: str
) -> None:
    outcomes = await asyncio.gather(*(admitted(throttle, account) for _ in range(30)))

    assert outcomes.count(True) == DELAYS.free_attempts


async def test_other_clients_and_other_accounts_are_counted_apart(
    throttle: SignInThrottle, account: str
) -> None:
    for _ in range(DELAYS.free_attempts):
        await throttle.admit(account, CLIENT)

    assert await admitted(throttle, account, ELSEWHERE)
    assert await admitted(throttle, f"{account}-other", CLIENT)


async def test_a_success_forgets_the_pairs_failures(throttle: SignInThrottle, account: str) -> None:
    for _ in range(DELAYS.free_attempts):
        await throttle.admit(account, CLIENT)

    await throttle.succeeded(account, CLIENT)

    for _ in range(DELAYS.free_attempts):
        assert await admitted(throttle, account)


async def test_an_undecided_attempt_is_taken_back(
    throttle: SignInThrottle, account: str, clock: SteppedClock
) -> None:
    for _ in range(DELAYS.free_attempts):
        await throttle.admit(account, CLIENT)
    clock.advance(timedelta(seconds=1))
    await throttle.admit(account, CLIENT)

    await throttle.undecided(account, CLIENT)

    with pytest.raises(RateLimitedError) as limited:
        await throttle.admit(account, CLIENT)
    assert limited.value.retry_after_seconds == 1
    clock.advance(timedelta(seconds=1))
    assert await admitted(throttle, account)


async def test_throttles_under_other_names_count_apart_in_redis(
    redis_url: str, clock: SteppedClock, account: str
) -> None:
    redis = Redis.from_url(redis_url)
    addresses, devices = (RedisSignInThrottle(redis, clock, name, DELAYS) for name in ("test-a", "test-b"))
    for _ in range(DELAYS.free_attempts):
        await addresses.admit(account, CLIENT)

    assert await admitted(devices, account)
    assert not await admitted(addresses, account)
    await redis.aclose()
