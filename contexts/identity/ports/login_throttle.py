from typing import Protocol


class LoginThrottle(Protocol):
    """Counts failed sign-ins per account name and refuses more once too many fell in one window.

    Guessing a password then takes years instead of minutes. The window starts at the first
    failure and is not extended by later ones, so the owner can always try again when it ends.
    """

    async def check(self, key: str) -> None:
        """Raises RateLimitedError, saying when to retry, while `key` has used up its failures."""
        ...

    async def record_failure(self, key: str) -> None: ...

    async def reset(self, key: str) -> None:
        """Forget the failures of `key` (after a successful sign-in)."""
        ...
