import math
from dataclasses import dataclass
from datetime import datetime

from contexts.identity.domain.sign_in_delays import SignInDelays
from kernel.clock import Clock
from kernel.errors import RateLimitedError


@dataclass
class _Failures:
    attempts: int
    next_attempt_at: datetime


class InMemorySignInThrottle:
    """Counts in this process's memory: right for one process (the embedded default); replicas
    must share their counts through Redis. Each method runs without awaiting, so a count and the
    decision it feeds are one step of the event loop: nothing interleaves."""

    def __init__(self, clock: Clock, delays: SignInDelays) -> None:
        self._clock = clock
        self._delays = delays
        self._failures: dict[tuple[str, str], _Failures] = {}
        self._next_sweep = clock.now()

    async def admit(self, account: str, client: str) -> None:
        now = self._clock.now()
        self._sweep(now)
        failures = self._failures.setdefault((account, client), _Failures(0, now))
        if now < failures.next_attempt_at:
            retry_after = math.ceil((failures.next_attempt_at - now).total_seconds())
            raise RateLimitedError("too many failed sign-ins; try again later", max(retry_after, 1))
        failures.attempts += 1
        failures.next_attempt_at = now + self._delays.after(failures.attempts)

    async def undecided(self, account: str, client: str) -> None:
        failures = self._failures.get((account, client))
        if failures is not None and failures.attempts > 0:
            failures.attempts -= 1
            failures.next_attempt_at = self._clock.now() + self._delays.after(failures.attempts)

    async def succeeded(self, account: str, client: str) -> None:
        self._failures.pop((account, client), None)

    def _sweep(self, now: datetime) -> None:
        """Forget, once per ceiling, the pairs that have been free to try again for a ceiling."""
        if now < self._next_sweep:
            return
        self._failures = {
            pair: failures
            for pair, failures in self._failures.items()
            if now < failures.next_attempt_at + self._delays.ceiling
        }
        self._next_sweep = now + self._delays.ceiling
