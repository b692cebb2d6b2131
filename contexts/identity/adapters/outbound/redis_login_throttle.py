import math

from redis.asyncio import Redis

from kernel.errors import RateLimitedError


class RedisLoginThrottle:
    """Counts in Redis, shared by every replica. One key per account name, expiring with its window."""

    def __init__(self, redis: Redis, max_failures: int, window_seconds: int) -> None:
        self._redis = redis
        self._max_failures = max_failures
        self._window_seconds = window_seconds

    async def check(self, key: str) -> None:
        async with self._redis.pipeline(transaction=True) as pipeline:
            pipeline.get(_key(key))
            pipeline.pttl(_key(key))
            failures, milliseconds_left = await pipeline.execute()
        if failures is not None and int(failures) >= self._max_failures:
            retry_after = math.ceil(milliseconds_left / 1000)
            raise RateLimitedError("too many failed sign-ins; try again later", max(retry_after, 1))

    async def record_failure(self, key: str) -> None:
        # In one MULTI: the count never exists without its expiry, and only the first failure
        # (NX) sets it, so later failures do not push the window's end out.
        async with self._redis.pipeline(transaction=True) as pipeline:
            pipeline.incr(_key(key))
            pipeline.expire(_key(key), self._window_seconds, nx=True)
            await pipeline.execute()

    async def reset(self, key: str) -> None:
        await self._redis.delete(_key(key))


def _key(key: str) -> str:
    return f"identity:login-failures:{key}"
