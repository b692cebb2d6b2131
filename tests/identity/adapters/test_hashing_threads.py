"""The bound on password hashing, driven by concurrency: work held in its threads by an event."""

import asyncio
import os
import sys
import threading

import pytest

from contexts.identity.adapters.outbound.hashing_threads import (
    RETRY_AFTER_SECONDS,
    YIELDING_NICENESS,
    HashingThreads,
)
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


@pytest.mark.skipif(sys.platform != "linux", reason="each thread has a priority of its own on Linux only")
async def test_yielding_threads_run_at_a_lower_cpu_priority_than_the_others() -> None:
    def priority() -> int:
        return os.getpriority(os.PRIO_PROCESS, 0)

    yielding, others = HashingThreads(1, 0, yielding=True), HashingThreads(1, 0)

    assert await yielding.run(priority) == priority() + YIELDING_NICENESS
    assert await others.run(priority) == priority()
