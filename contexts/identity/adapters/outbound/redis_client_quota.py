import math
from datetime import timedelta

from redis.asyncio import Redis

from kernel.clock import Clock
from kernel.errors import RateLimitedError

# KEYS[1]: the client's hash. ARGV: now, the window, the quota; times in ms. Each script is one
# step for Redis, so a check and its count cannot be interleaved by another replica's.
_TAKE = """
local now, window, quota = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local ends_at = tonumber(redis.call('HGET', KEYS[1], 'ends_at') or '0')
if ends_at <= now then
  ends_at = now + window
  redis.call('HSET', KEYS[1], 'used', 0, 'ends_at', ends_at)
  redis.call('PEXPIRE', KEYS[1], window)
end
if tonumber(redis.call('HGET', KEYS[1], 'used')) >= quota then
  return ends_at - now
end
redis.call('HINCRBY', KEYS[1], 'used', 1)
return 0
"""
_GIVE_BACK = """
local ends_at = tonumber(redis.call('HGET', KEYS[1], 'ends_at') or '0')
if tonumber(ARGV[1]) < ends_at and tonumber(redis.call('HGET', KEYS[1], 'used')) > 0 then
  redis.call('HINCRBY', KEYS[1], 'used', -1)
end
"""


class RedisClientQuota:
    """Counts in Redis, shared by every replica: one hash per client, under `name`, expiring with
    its window. Times come from the clock, as in memory."""

    def __init__(
        self, redis: Redis, clock: Clock, name: str, quota: int, window: timedelta, refusal: str
    ) -> None:
        self._redis = redis
        self._clock = clock
        self._name = name
        self._quota = quota
        self._window_ms = int(window.total_seconds() * 1000)
        self._refusal = refusal
        self._take = redis.register_script(_TAKE)
        self._give_back = redis.register_script(_GIVE_BACK)

    async def take(self, client: str) -> None:
        wait_ms = int(
            await self._take(keys=[self._key(client)], args=[self._now(), self._window_ms, self._quota])
        )
        if wait_ms > 0:
            raise RateLimitedError(self._refusal, max(math.ceil(wait_ms / 1000), 1))

    async def give_back(self, client: str) -> None:
        await self._give_back(keys=[self._key(client)], args=[self._now()])

    def _now(self) -> int:
        return int(self._clock.now().timestamp() * 1000)

    def _key(self, client: str) -> str:
        return f"identity:{self._name}:{client}"
