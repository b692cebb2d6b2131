import math
from datetime import timedelta

from redis.asyncio import Redis

from contexts.identity.domain.sign_in_delays import SignInDelays
from kernel.clock import Clock
from kernel.errors import RateLimitedError

# KEYS[1]: the pair's hash. ARGV (of both scripts): now, how long to remember the pair past its
# next attempt, then the waits after 0, 1, 2, ... attempts (the last is the wait after every later
# one); all in ms. One script, so the check and the count are one step for Redis: nothing interleaves.
_ADMIT = """
local now = tonumber(ARGV[1])
local next_attempt_at = tonumber(redis.call('HGET', KEYS[1], 'next_attempt_at') or '0')
if now < next_attempt_at then
  return next_attempt_at - now
end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
local wait = tonumber(ARGV[3 + math.min(attempts, #ARGV - 3)])
redis.call('HSET', KEYS[1], 'next_attempt_at', now + wait)
redis.call('PEXPIRE', KEYS[1], wait + tonumber(ARGV[2]))
return 0
"""

_UNDECIDED = """
local attempts = tonumber(redis.call('HGET', KEYS[1], 'attempts') or '0')
if attempts > 0 then
  attempts = redis.call('HINCRBY', KEYS[1], 'attempts', -1)
  local wait = tonumber(ARGV[3 + math.min(attempts, #ARGV - 3)])
  redis.call('HSET', KEYS[1], 'next_attempt_at', tonumber(ARGV[1]) + wait)
end
"""


class RedisSignInThrottle:
    """Counts in Redis, shared by every replica: one hash per (account, client) pair, under `name`,
    expiring a ceiling after the pair may try again. Times come from the clock, as in memory."""

    def __init__(self, redis: Redis, clock: Clock, name: str, delays: SignInDelays) -> None:
        self._redis = redis
        self._clock = clock
        self._name = name
        self._admit = redis.register_script(_ADMIT)
        self._undecided = redis.register_script(_UNDECIDED)
        self._arguments = [_ms(delays.ceiling), *(_ms(wait) for wait in delays.schedule())]

    async def admit(self, account: str, client: str) -> None:
        wait_ms = int(
            await self._admit(keys=[self._key(account, client)], args=[self._now(), *self._arguments])
        )
        if wait_ms > 0:
            raise RateLimitedError(
                "too many failed sign-ins; try again later", max(math.ceil(wait_ms / 1000), 1)
            )

    async def undecided(self, account: str, client: str) -> None:
        await self._undecided(keys=[self._key(account, client)], args=[self._now(), *self._arguments])

    async def succeeded(self, account: str, client: str) -> None:
        await self._redis.delete(self._key(account, client))

    def _now(self) -> int:
        return int(self._clock.now().timestamp() * 1000)

    def _key(self, account: str, client: str) -> str:
        return f"identity:{self._name}:{account}:{client}"


def _ms(duration: timedelta) -> int:
    return int(duration.total_seconds() * 1000)
