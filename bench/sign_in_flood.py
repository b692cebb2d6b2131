"""How long a real sign-in takes while a flood of fake ones hits the server.

`.venv/bin/python -m bench.sign_in_flood` starts `chat serve` (the monolith, with the default
Argon2 cost and hashing limits) in a temporary directory, times sign-ins of a real user on the
idle server, then again while `--flooders` clients send sign-ins to unknown usernames without
pause, each as many times as it is answered. Two floods: from one address, which the per-address
limits stop, and from a fresh address per request (X-Forwarded-For, which the server trusts from
127.0.0.1), which only the bound on hashing stops. The flood comes from a process of its own, so
that its clients do not delay the real user's in one event loop, running at `--flood-niceness`:
on a machine it shares with the server, it then takes the cores the server leaves, as a flood from
other machines would. In each phase the real user signs in in turn as an unknown client (no device
token) and as a recognised one (the device token of its last sign-in, ADR 24), and each kind's
median is compared with its own on the idle server. Like the
rest of bench/, it prints figures and asserts nothing: they depend on the machine.
"""

import argparse
import asyncio
import itertools
import multiprocessing
import os
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

import httpx

from devstack.local import chat_command, http_server

PASSWORD = "a real person's passphrase"


REAL_ADDRESS = "203.0.113.1"
SERVER_SETTINGS = {
    # Every real sign-in of the run presents a device token: all of them are to be recognised.
    "DEVICE_SIGN_IN_ACCOUNT_MAX": "1000000",
}


@dataclass
class Timed:
    """The real user's sign-ins of one kind in one phase."""

    times: list[float] = field(default_factory=list)
    """Of those that succeeded."""
    statuses: Counter[int] = field(default_factory=Counter)

    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")


class RealUser:
    """Signs in as `real` from its own address, keeping the device token of its last sign-in."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self.device_token: str | None = None

    async def sign_in(self, recognised: bool, into: Timed) -> None:
        body = {
            "username": "real",
            "password": PASSWORD,
            "device_token": self.device_token if recognised else None,
        }
        started = time.perf_counter()
        response = await self._client.post(
            "/api/v1/sessions", json=body, headers={"X-Forwarded-For": REAL_ADDRESS}
        )
        seconds = time.perf_counter() - started
        into.statuses[response.status_code] += 1
        if response.status_code == 201:
            into.times.append(seconds)
            self.device_token = response.json()["device_token"]

    async def sign_ins(self, count: int) -> tuple[Timed, Timed]:
        """`count` sign-ins of each kind, one after the other, taking turns: unknown, recognised."""
        unknown, recognised = Timed(), Timed()
        for _ in range(count):
            for kind, timed in ((False, unknown), (True, recognised)):
                await self.sign_in(kind, timed)
                await asyncio.sleep(0.05)
        return unknown, recognised


def flood_process(
    url: str, flooders: int, many_addresses: bool, niceness: int, stop: Event, answers: "Queue[Counter[int]]"
) -> None:
    """`flooders` clients flooding the server at `url` until `stop` is set; then their answers are put."""
    os.nice(niceness)
    asyncio.run(_flood_until(url, flooders, many_addresses, stop, answers))


async def _flood_until(
    url: str, flooders: int, many_addresses: bool, stop: Event, answers: "Queue[Counter[int]]"
) -> None:
    counted = Counter[int]()
    addresses = itertools.count(1) if many_addresses else None
    limits = httpx.Limits(max_connections=flooders)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        flooding = [asyncio.create_task(flood(client, addresses, counted)) for _ in range(flooders)]
        await asyncio.to_thread(stop.wait)
        for task in flooding:
            task.cancel()
        await asyncio.gather(*flooding, return_exceptions=True)
    answers.put(counted)


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


def report(name: str, timed: Timed, idle: Timed, flood: Counter[int]) -> None:
    median = timed.median()
    print(
        f"{name:>40}: real sign-in median {median * 1000:7.1f} ms ({median / idle.median():4.1f}x idle), "
        f"answers {dict(timed.statuses)}; flood answered {dict(flood)}"
    )


def report_phase(
    name: str, timed: tuple[Timed, Timed], idle: tuple[Timed, Timed], flood: Counter[int]
) -> None:
    for kind, phase_timed, idle_timed in zip(("unknown", "device token"), timed, idle, strict=True):
        report(f"{name}, {kind}", phase_timed, idle_timed, flood)


async def main(flooders: int, samples: int, flood_niceness: int) -> None:
    with tempfile.TemporaryDirectory() as workdir:
        env = {"DATA_DIR": f"{workdir}/data", **SERVER_SETTINGS}
        server = http_server("monolith", chat_command("serve"), Path(workdir), env)
        url = server.url
        await server.start()
        try:
            processes = multiprocessing.get_context("spawn")
            async with httpx.AsyncClient(base_url=url, timeout=60) as client:
                registered = await client.post(
                    "/api/v1/users", json={"username": "real", "password": PASSWORD, "display_name": "Real"}
                )
                registered.raise_for_status()
                real = RealUser(client)
                await real.sign_in(False, Timed())
                idle = await real.sign_ins(samples)
                report_phase("idle", idle, idle, Counter())
                for name, many_addresses in (("flood, one address", False), ("flood, many addresses", True)):
                    stop, answers = processes.Event(), processes.Queue()
                    flooder = processes.Process(
                        target=flood_process,
                        args=(url, flooders, many_addresses, flood_niceness, stop, answers),
                    )
                    flooder.start()
                    await asyncio.sleep(2)  # the process starts, and its flood gets going
                    flooded = await real.sign_ins(samples)
                    stop.set()
                    report_phase(name, flooded, idle, await asyncio.to_thread(answers.get))
                    flooder.join()
        finally:
            await server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--flooders", type=int, default=50, help="concurrent clients of the flood")
    parser.add_argument("--samples", type=int, default=20, help="real sign-ins of each kind timed per phase")
    parser.add_argument(
        "--flood-niceness",
        type=int,
        default=10,
        help="how much lower the flood's process runs than the server (0: as its equal, for the cores)",
    )
    arguments = parser.parse_args()
    asyncio.run(main(arguments.flooders, arguments.samples, arguments.flood_niceness))
