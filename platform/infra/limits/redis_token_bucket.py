import logging

from redis.asyncio import Redis

from infra.failures import is_transient
from infra.limits.rate_limit import Rate, RateLimit, refused

log = logging.getLogger(__name__)

# Refill by the time elapsed on Redis's clock (one clock for every replica), then take a token
# if there is one; answers the milliseconds until there will be one, 0 if one was taken. The
# bucket expires once it would be full again, so idle callers cost no memory.
_TAKE = """
local per_second = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or burst
local at = tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * per_second)
local wait_ms = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait_ms = math.ceil((1 - tokens) / per_second * 1000)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / per_second * 1000))
return wait_ms
"""


class RedisTokenBucket:
    """Buckets in Redis, shared by every replica, taken from atomically by a script.

    While Redis is away, `while_away` (buckets of this process's own) limits instead: a limit
    must not make the path it guards fail with Redis, nor let it go unguarded (ADR 20). Going away
    and coming back are logged once each, not once per request.
    """

    def __init__(self, what: str, rate: Rate, redis: Redis, while_away: RateLimit) -> None:
        self._what = what
        self._rate = rate
        self._prefix = "rate-limit:" + what.replace(" ", "-") + ":"
        self._take = redis.register_script(_TAKE)
        self._while_away = while_away
        self._away = False

    async def take(self, key: str) -> None:
        try:
            wait_ms = await self._take(
                keys=[self._prefix + key], args=[self._rate.per_second, self._rate.burst]
            )
        except Exception as error:
            if not is_transient(error):
                raise
            if not self._away:
                log.warning("Redis is away: %s limited in each process alone meanwhile", self._what)
                self._away = True
            await self._while_away.take(key)
            return
        if self._away:
            log.info("Redis is back: %s limited across processes again", self._what)
            self._away = False
        if wait_ms:
            raise refused(self._what, int(wait_ms) / 1000)
