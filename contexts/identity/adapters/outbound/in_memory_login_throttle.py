import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from kernel.clock import Clock
from kernel.errors import RateLimitedError


@dataclass
class _Window:
    failures: int
    ends_at: datetime


class InMemoryLoginThrottle:
    """Counts in this process's memory: right for one process (the embedded default); replicas
    must share their counts through Redis."""

    def __init__(self, clock: Clock, max_failures: int, window_seconds: int) -> None:
        self._clock = clock
        self._max_failures = max_failures
        self._window = timedelta(seconds=window_seconds)
        # In the order the windows end (all are equally long), so ended ones are dropped from the front.
        self._windows: dict[str, _Window] = {}

    async def check(self, key: str) -> None:
        now = self._clock.now()
        window = self._open_window(key, now)
        if window is not None and window.failures >= self._max_failures:
            retry_after = math.ceil((window.ends_at - now).total_seconds())
            raise RateLimitedError("too many failed sign-ins; try again later", max(retry_after, 1))

    async def record_failure(self, key: str) -> None:
        now = self._clock.now()
        window = self._open_window(key, now)
        if window is None:
            window = self._windows[key] = _Window(0, now + self._window)
        window.failures += 1

    async def reset(self, key: str) -> None:
        self._windows.pop(key, None)

    def _open_window(self, key: str, now: datetime) -> _Window | None:
        while self._windows:
            oldest_key, oldest = next(iter(self._windows.items()))
            if oldest.ends_at > now:
                break
            del self._windows[oldest_key]
        return self._windows.get(key)
