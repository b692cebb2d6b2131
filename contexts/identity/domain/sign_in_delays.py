"""How long someone who keeps failing to sign in to one account from one client must wait."""

from dataclasses import dataclass
from datetime import timedelta

_FIRST_DELAY = timedelta(seconds=1)


@dataclass(frozen=True)
class SignInDelays:
    """The first `free_attempts` attempts wait for nothing; from then on, each failure doubles the
    wait before the next (1 s, 2 s, 4 s, ...) up to `ceiling`. A person who mistypes a few times
    barely notices; a guesser from one client is down to a guess per `ceiling` within minutes."""

    free_attempts: int
    ceiling: timedelta

    def after(self, attempts: int) -> timedelta:
        """The wait before the attempt that follows `attempts` counted ones."""
        return self.schedule()[min(attempts, len(self.schedule()) - 1)]

    def schedule(self) -> list[timedelta]:
        """The wait after 0, 1, 2, ... attempts, up to the first that reaches the ceiling (the wait
        after every later one)."""
        waits = [timedelta(0)] * self.free_attempts
        wait = _FIRST_DELAY
        while wait < self.ceiling:
            waits.append(wait)
            wait *= 2
        return [*waits, self.ceiling]
