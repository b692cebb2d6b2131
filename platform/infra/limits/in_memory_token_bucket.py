from dataclasses import dataclass
from datetime import datetime

from infra.limits.rate_limit import Rate, refused
from kernel.clock import Clock


@dataclass
class _Bucket:
    tokens: float
    at: datetime


class InMemoryTokenBucket:
    """Buckets in this process's memory: right for one process (the embedded default), and for
    what belongs to one process anyway, such as a socket; replicas share theirs through Redis."""

    def __init__(self, what: str, rate: Rate, clock: Clock) -> None:
        self._what = what
        self._rate = rate
        self._clock = clock
        # In the order they were last taken from, so the ones untouched long enough to be full
        # again are dropped from the front: memory follows the callers of the last few seconds.
        self._buckets: dict[str, _Bucket] = {}

    async def take(self, key: str) -> None:
        now = self._clock.now()
        self._forget_full(now)
        bucket = self._buckets.pop(key, None) or _Bucket(self._rate.burst, now)
        elapsed = (now - bucket.at).total_seconds()
        bucket.tokens = min(self._rate.burst, bucket.tokens + elapsed * self._rate.per_second)
        bucket.at = now
        self._buckets[key] = bucket
        if bucket.tokens < 1:
            raise refused(self._what, (1 - bucket.tokens) / self._rate.per_second)
        bucket.tokens -= 1

    def _forget_full(self, now: datetime) -> None:
        while self._buckets:
            key, oldest = next(iter(self._buckets.items()))
            if (now - oldest.at).total_seconds() < self._rate.seconds_to_fill:
                return
            del self._buckets[key]
