"""Waiting for eventual consistency in tests without asserting on time.

Integration events reach other contexts shortly after the request that caused them returns;
a test states what must become true and gives it a generous deadline to do so.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def eventually(check: Callable[[], Awaitable[T]], within: float = 15.0) -> T:
    """Run `check` until it stops raising AssertionError; past the deadline, its failure stands."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        try:
            return await check()
        except AssertionError:
            if loop.time() > deadline:
                raise
            await asyncio.sleep(0.02)
