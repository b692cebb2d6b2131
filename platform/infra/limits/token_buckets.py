from redis.asyncio import Redis

from infra.limits.in_memory_token_bucket import InMemoryTokenBucket
from infra.limits.rate_limit import Rate, RateLimit
from infra.limits.redis_token_bucket import RedisTokenBucket
from kernel.clock import Clock


def shared_token_bucket(what: str, rate: Rate, redis: Redis | None, clock: Clock) -> RateLimit:
    """Buckets every replica shares when the process has Redis; in this process's memory otherwise,
    and while Redis is away."""
    own = InMemoryTokenBucket(what, rate, clock)
    if redis is None:
        return own
    return RedisTokenBucket(what, rate, redis, while_away=own)
