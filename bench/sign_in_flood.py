"""How long a real sign-in takes while a flood of fake ones hits the server.

`.venv/bin/python -m bench.sign_in_flood` starts `chat serve` (the monolith, with the default
Argon2 cost and hashing limits) in a temporary directory, times sign-ins of a real user on the
idle server, then again while `--flooders` clients send sign-ins to unknown usernames without
pause, each as many times as it is answered. Two floods: from one address, which the per-address
limits stop, and from a fresh address per request (X-Forwarded-For, which the server trusts from
127.0.0.1), which only the bound on hashing stops. Like the rest of bench/, it prints figures and
asserts nothing: they depend on the machine.
"""

import argparse
import asyncio
import itertools
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx

from devstack.local import chat_command, http_server

PASSWORD = "a real person's passphrase"


async def timed_sign_in(client: httpx.AsyncClient, address: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = await client.post(
        "/api/v1/sessions",
        json={"username": "real", "password": PASSWORD},
        headers={"X-Forwarded-For": address},
    )
    return time.perf_counter() - started, response.status_code


async def sign_ins(client: httpx.AsyncClient, count: int) -> tuple[list[float], Counter[int]]:
    """`count` sign-ins of the real user one after the other: the times of those that succeeded."""
    times, statuses = [], Counter[int]()
    for _ in range(count):
        seconds, status = await timed_sign_in(client, "203.0.113.1")
        statuses[status] += 1
        if status == 201:
            times.append(seconds)
        await asyncio.sleep(0.05)
    return times, statuses


async def flood(client: httpx.AsyncClient, addresses: Iterator[int] | None, answers: Counter[int]) -> None:
    """Sign-ins to unknown usernames, one at a time, from one address or a fresh one each time."""
    for number in itertools.count():
        address = "198.51.100.9" if addresses is None else _address(next(addresses))
        response = await client.post(
            "/api/v1/sessions",
            json={"username": f"nobody{number}", "password": "guess"},
            headers={"X-Forwarded-For": address},
        )
        answers[response.status_code] += 1


def _address(number: int) -> str:
    return f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"


def report(name: str, times: list[float], statuses: Counter[int], idle: float, flood: Counter[int]) -> None:
    median = statistics.median(times) if times else float("nan")
    print(
        f"{name:>22}: real sign-in median {median * 1000:7.1f} ms ({median / idle:4.1f}x idle), "
        f"answers {dict(statuses)}; flood answered {dict(flood)}"
    )


async def main(flooders: int, samples: int) -> None:
    with tempfile.TemporaryDirectory() as workdir:
        data_dir = {"DATA_DIR": f"{workdir}/data"}
        server = http_server("monolith", chat_command("serve"), Path(workdir), data_dir)
        url = server.url
        await server.start()
        try:
            limits = httpx.Limits(max_connections=flooders + 10)
            async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
                registered = await client.post(
                    "/api/v1/users", json={"username": "real", "password": PASSWORD, "display_name": "Real"}
                )
                registered.raise_for_status()
                idle_times, idle_statuses = await sign_ins(client, samples)
                idle = statistics.median(idle_times)
                report("idle", idle_times, idle_statuses, idle, Counter())
                for name, addresses in (
                    ("flood, one address", None),
                    ("flood, many addresses", itertools.count(1)),
                ):
                    answers = Counter[int]()
                    flooding = [
                        asyncio.create_task(flood(client, addresses, answers)) for _ in range(flooders)
                    ]
                    await asyncio.sleep(1)
                    times, statuses = await sign_ins(client, samples)
                    for task in flooding:
                        task.cancel()
                    await asyncio.gather(*flooding, return_exceptions=True)
                    report(name, times, statuses, idle, answers)
        finally:
            await server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--flooders", type=int, default=50, help="concurrent clients of the flood")
    parser.add_argument("--samples", type=int, default=20, help="real sign-ins timed per phase")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.flooders, arguments.samples))
