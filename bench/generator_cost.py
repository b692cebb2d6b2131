"""`python -m bench.generator_cost`: what the load generator's own work costs it in CPU.

At the saturation scenario's top rate the generator, one Python process sharing the machine's
cores with the servers it measures, posts hundreds of messages a second and reads thousands of
frames a second; whatever that costs is CPU the servers do not get, and past one core the
generator, not the server, is what saturates. This measures both costs against the baseline
(which does next to nothing per request and per frame), as this process's CPU time (user and
system) divided by the requests made or the frames read; wall time does not count, since the
server shares the cores.

- Per request, for each HTTP client the generator could send with: the same request as a send (a
  JSON body and a bearer token), many at a time as the open-loop scenarios send.
- Per frame, for `bench.sockets.Inbox`: `message.created` frames broadcast to many sockets at once,
  each read and timed as the scenarios do.
"""

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path
from tempfile import TemporaryDirectory
from uuid import uuid4

import aiohttp
import httpx

from bench import targets
from bench.sockets import Inbox
from bench.targets import Target

_HEADERS = {"Authorization": "Bearer " + "x" * 300}
"""About the size of a real access token: headers are part of what a client encodes."""
_DELIVERED_WITHIN_SECONDS = 60.0

Post = Callable[[str, dict[str, object]], Awaitable[int]]


def _body() -> dict[str, object]:
    return {"recipient_ids": [], "client_message_id": str(uuid4()), "body": "benchmark message"}


async def _cpu_per_request(post: Post, requests: int, concurrency: int) -> float:
    """Seconds of this process's CPU per request, `concurrency` requests in flight at any time."""
    limit = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with limit:
            status = await post("/broadcast", _body())
        if status != 201:
            raise RuntimeError(f"the baseline answered {status}")

    started = time.process_time()
    await asyncio.gather(*(one() for _ in range(requests)))
    return (time.process_time() - started) / requests


async def _httpx(base_url: str, requests: int, concurrency: int) -> float:
    """As `bench.targets` configures it for signing up and setting up."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:

        async def post(path: str, body: dict[str, object]) -> int:
            return (await client.post(path, json=body, headers=_HEADERS)).status_code

        await _cpu_per_request(post, concurrency * 2, concurrency)  # connections open, code warm
        return await _cpu_per_request(post, requests, concurrency)


async def _aiohttp(base_url: str, requests: int, concurrency: int) -> float:
    """As `bench.targets` configures it for sending."""
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(base_url, connector=connector) as session:

        async def post(path: str, body: dict[str, object]) -> int:
            async with session.post(path, json=body, headers=_HEADERS) as answer:
                await answer.read()
                return answer.status

        await _cpu_per_request(post, concurrency * 2, concurrency)
        return await _cpu_per_request(post, requests, concurrency)


CLIENTS = {"httpx": _httpx, "aiohttp": _aiohttp}


async def _cpu_per_frame(baseline: Target, sockets: int, messages: int) -> float:
    """Seconds of this process's CPU per `message.created` frame read by an `Inbox` of `sockets`
    sockets, each message broadcast to all of them; the sends' own cost, one request per `sockets`
    frames, is left in (a few per cent at most)."""
    users = await baseline.chat.sign_up(sockets)
    everyone = await baseline.chat.conversation(users)
    recipients = {user.user_id for user in users}
    async with AsyncExitStack() as stack:
        inbox = Inbox(baseline.ws_url)
        await inbox.listen(stack, users)
        started = time.process_time()
        sent = [str(uuid4()) for _ in range(messages)]
        for client_message_id in sent:
            await baseline.chat.send(users[0], everyone, client_message_id)
        for client_message_id in sent:
            if not await inbox.delivered(client_message_id, recipients, _DELIVERED_WITHIN_SECONDS):
                raise RuntimeError("the baseline lost frames")
        return (time.process_time() - started) / (messages * sockets)


async def measure(arguments: argparse.Namespace) -> dict[str, list[float]]:
    """Microseconds of CPU per request for each client and per frame read, `repeats` measurements
    of each, taken in turns so that a change in the machine's load falls on all of them."""
    measured: dict[str, list[float]] = {name: [] for name in [*CLIENTS, "frame"]}
    with TemporaryDirectory(prefix="hexchat-bench-") as scratch:
        async with targets.running("baseline", Path(scratch), {}) as baseline:
            for _ in range(arguments.repeats):
                for name, client in CLIENTS.items():
                    seconds = await client(baseline.http_url, arguments.requests, arguments.concurrency)
                    measured[name].append(round(seconds * 1e6, 1))
                seconds = await _cpu_per_frame(baseline, arguments.sockets, arguments.messages)
                measured["frame"].append(round(seconds * 1e6, 1))
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generator_cost", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--requests", type=int, default=3000, help="requests per measurement")
    parser.add_argument("--concurrency", type=int, default=50, help="requests in flight")
    parser.add_argument("--sockets", type=int, default=500, help="sockets reading frames")
    parser.add_argument("--messages", type=int, default=40, help="messages broadcast to every socket")
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    measured = asyncio.run(measure(arguments))
    for name, microseconds in measured.items():
        unit = "frame read" if name == "frame" else f"request ({name})"
        print(
            f"{statistics.median(microseconds):.0f} µs of CPU per {unit}"
            f" (median; each run: {', '.join(f'{value:.0f}' for value in microseconds)})"
        )


if __name__ == "__main__":
    main()
