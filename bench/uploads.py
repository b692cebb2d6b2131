"""The upload scenario: how fast files go in, and what a large one costs the server's memory.

A file is streamed to storage as it arrives (ADR 35), so a server's memory must not grow with the
size of the file it takes. Throughput is measured through the target's public address, as a client
sends; the large file goes straight to the process that serves uploads (messaging's in the
services topology), whose memory is read while it arrives, since the gateway refuses bodies
larger than the default upload limit.
"""

import asyncio
import os
import time
from collections.abc import Coroutine
from pathlib import Path

import httpx
import psutil

from bench.chat import Account
from bench.scenarios import Figures, latency_figures

MIB = 1024 * 1024
_SAMPLE_SECONDS = 0.02
"""How often the server's memory is read while the large file arrives."""
_TIMEOUT_SECONDS = 300.0


async def uploads(
    public_url: str,
    upload_url: str,
    upload_server_pid: int,
    uploader: Account,
    workdir: Path,
    *,
    files: int,
    file_mib: int,
    concurrency: int,
    large_file_mib: int,
) -> Figures:
    """`files` files of `file_mib` MiB, `concurrency` at a time, by `uploader`; then one
    file of `large_file_mib` MiB, with the memory of the process taking it read as it arrives."""
    small = _file(workdir / "small.bin", file_mib)
    large = _file(workdir / "large.bin", large_file_mib)
    async with httpx.AsyncClient(base_url=public_url, timeout=_TIMEOUT_SECONDS) as client:
        limit = asyncio.Semaphore(concurrency)
        seconds: list[float] = []
        failed = 0

        async def one() -> None:
            nonlocal failed
            async with limit:
                started = time.perf_counter()
                status = await _upload(client, uploader, small)
                if status == 201:
                    seconds.append(time.perf_counter() - started)
                else:
                    failed += 1

        started = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(files)))
        elapsed = time.perf_counter() - started
    async with httpx.AsyncClient(base_url=upload_url, timeout=_TIMEOUT_SECONDS) as client:
        large_figures = await _memory_while(upload_server_pid, _upload(client, uploader, large))
    return {
        "files": files,
        "file_mib": file_mib,
        "concurrency": concurrency,
        "failed": failed,
        "files_per_second": len(seconds) / elapsed,
        "mib_per_second": len(seconds) * file_mib / elapsed,
        "latency": latency_figures(seconds),
        "large_file": {"mib": large_file_mib, **large_figures},
    }


async def _memory_while(pid: int, upload: Coroutine[object, object, int]) -> Figures:
    process = psutil.Process(pid)
    before = process.memory_info().rss
    peak = before
    task = asyncio.create_task(upload)
    started = time.perf_counter()
    while not task.done():
        peak = max(peak, process.memory_info().rss)
        await asyncio.sleep(_SAMPLE_SECONDS)
    elapsed = time.perf_counter() - started
    status = await task
    return {
        "status": status,
        "seconds": round(elapsed, 3),
        "rss_before_bytes": before,
        "rss_peak_bytes": peak,
        "rss_growth_bytes": peak - before,
    }


async def _upload(client: httpx.AsyncClient, uploader: Account, path: Path) -> int:
    with path.open("rb") as content:
        answer = await client.post(
            "/api/v1/uploads",
            files={"file": (path.name, content, "application/octet-stream")},
            headers={"Authorization": f"Bearer {uploader.token}"},
        )
    return answer.status_code


def _file(path: Path, mib: int) -> Path:
    """Random bytes, so no layer on the way can compress them."""
    with path.open("wb") as written:
        for _ in range(mib):
            written.write(os.urandom(MIB))
    return path
