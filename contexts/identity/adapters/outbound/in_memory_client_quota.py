import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from kernel.clock import Clock
from kernel.errors import RateLimitedError


@dataclass
class _Window:
    used: int
    ends_at: datetime


class InMemoryClientQuota:
    """Counts in this process's memory: right for one process (the embedded default); replicas
    must share their counts through Redis. Each method runs without awaiting, so a count and the
    decision it feeds are one step of the event loop: nothing interleaves."""

    def __init__(self, clock: Clock, quota: int, window: timedelta, refusal: str) -> None:
        self._clock = clock
        self._quota = quota
        self._window = window
        self._refusal = refusal
        # In the order the windows end (all are equally long), so ended ones are dropped from the front.
        self._windows: dict[str, _Window] = {}

    async def take(self, client: str) -> None:
        now = self._clock.now()
        window = self._open_window(client, now)
        if window is None:
            window = self._windows[client] = _Window(0, now + self._window)
        if window.used >= self._quota:
            retry_after = math.ceil((window.ends_at - now).total_seconds())
            raise RateLimitedError(self._refusal, max(retry_after, 1))
        window.used += 1

    async def give_back(self, client: str) -> None:
        window = self._open_window(client, self._clock.now())
        if window is not None and window.used > 0:
            window.used -= 1

    def _open_window(self, client: str, now: datetime) -> _Window | None:
        while self._windows:
            oldest_client, oldest = next(iter(self._windows.items()))
            if oldest.ends_at > now:
                break
            del self._windows[oldest_client]
        return self._windows.get(client)
