"""Deciding a request again when another request changed what it read.

A repository that finds its write would undo another transaction's (an optimistic version
check, a key taken meanwhile) stores nothing and raises a ConcurrentChangeError. The
application then runs its whole read-decide-write again: the new read sees the winner's
change, and the request is decided on the state as the winner left it.
"""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from kernel.errors import ConflictError

T = TypeVar("T")


class ConcurrentChangeError(ConflictError):
    """Another transaction changed what this one read; nothing was stored, and deciding again may succeed.

    Should every attempt lose, the error stands and callers see a conflict.
    """


async def retry_on_concurrent_change(attempt: Callable[[], Awaitable[T]], attempts: int) -> T:
    """Run `attempt` until it does not lose a race, `attempts` times at most."""
    for _ in range(attempts - 1):
        try:
            return await attempt()
        except ConcurrentChangeError:
            continue
    return await attempt()
