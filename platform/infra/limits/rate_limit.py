"""A token bucket per caller on each path that costs the server more than it costs the caller.

A bucket holds at most `burst` tokens and gains `per_second` of them each second; every request
takes one, and a request that finds less than one is refused with how long until there will be
one. Bursts a person makes (a few quick messages, a pasted list of members) pass; a script
sending as fast as it can is held to `per_second` (ADR 20).
"""

import math
from dataclasses import dataclass
from typing import Protocol

from kernel.errors import RateLimitedError


@dataclass(frozen=True)
class Rate:
    per_second: float
    burst: int

    @property
    def seconds_to_fill(self) -> float:
        """How long an empty bucket takes to fill: a bucket untouched this long is as if new."""
        return self.burst / self.per_second


class RateLimit(Protocol):
    async def take(self, key: str) -> None:
        """Take a token from `key`'s bucket; raises RateLimitedError, saying when to retry, if it has none."""
        ...


def refused(what: str, seconds_until_a_token: float) -> RateLimitedError:
    seconds = max(math.ceil(seconds_until_a_token), 1)
    return RateLimitedError(f"Too many {what}; try again in {seconds} s.", seconds)
