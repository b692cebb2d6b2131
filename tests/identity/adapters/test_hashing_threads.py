"""The bound on password hashing, driven by concurrency: work held in its threads by an event."""

import asyncio
import threading

import pytest

from contexts.identity.adapters.outbound.hashing_threads import RETRY_AFTER_SECONDS, HashingThreads
from kernel.errors import OverloadedError

THREADS, QUEUE = 2, 3


async def test_beyond_the_threads_and_the_queue_hashing_is_refused_at_once_until_one_is_done() -> None:
    threads, release = HashingThreads(THREADS, QUEUE), threading.Event()

    def held_work(number: int) -> int:
        release.wait()
        return number

    in_flight = [asyncio.create_task(threads.run(held_work, number)) for number in range(THREADS + QUEUE)]
    await asyncio.sleep(0)  # each task takes its place before its first pause

    with pytest.raises(OverloadedError) as refused:
        await threads.run(held_work, -1)

    assert refused.value.retry_after_seconds == RETRY_AFTER_SECONDS
    release.set()
    assert await asyncio.gather(*in_flight) == list(range(THREADS + QUEUE))
    assert await threads.run(held_work, 7) == 7


async def test_the_error_of_the_work_is_raised_and_frees_its_place() -> None:
    threads = HashingThreads(1, 0)

    def broken() -> None:
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        await threads.run(broken)

    assert await threads.run(lambda: 1) == 1
