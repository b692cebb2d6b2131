import asyncio
import os
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from kernel.errors import OverloadedError

T = TypeVar("T")

RETRY_AFTER_SECONDS = 1
"""A hash takes tens of milliseconds, so a full queue has moved on within a second."""

YIELDING_NICENESS = 10
"""How much lower yielding threads run: the scheduler then gives a thread at the normal priority
about nine times their share of a core."""


class HashingThreads:
    """Threads of their own for password hashing, with a bounded queue in front of them.

    Hashing is slow on purpose, so without a bound a flood of sign-ins queues more of it than
    the CPU can do, and a real sign-in waits behind all of it. At most `threads` hashes run at
    once and `queue` more wait; one more is refused at once (503 with `Retry-After`) instead of
    waiting. A queue no longer than the threads means an admitted hash waits for at most one
    other per thread: it takes at most about twice as long as on an idle server.

    `yielding` threads run at a lower CPU priority (on Linux, where each thread has its own, and
    the threads argon2 starts for its lanes inherit it): hashes for unknown clients then take the
    cores only when the event loop and the threads of recognised devices leave them (ADR 24).
    """

    def __init__(self, threads: int, queue: int, *, yielding: bool = False) -> None:
        self._executor = ThreadPoolExecutor(
            max_workers=threads,
            thread_name_prefix="password-hashing",
            initializer=_yield_cpu if yielding else None,
        )
        self._capacity = threads + queue
        self._taken = 0

    async def run(self, work: Callable[..., T], *args: object) -> T:
        if self._taken >= self._capacity:
            raise OverloadedError(
                "the server is busy checking passwords; try again shortly", RETRY_AFTER_SECONDS
            )
        self._taken += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, work, *args)
        finally:
            self._taken -= 1


def _yield_cpu() -> None:
    # Elsewhere the niceness is the whole process's, and lowering it would slow everything.
    if sys.platform == "linux":
        os.nice(YIELDING_NICENESS)
