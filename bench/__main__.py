"""`make bench`: delivery, fan-out and capacity of each topology and of the baseline, in one run.

Each target runs in turn, alone on the machine with the load generator (this process), and is
stopped before the next starts. Figures print as they come; the run ends by writing
`bench/results/<UTC timestamp>.json` and `.png`, and `latest.json` and `latest.png`.
"""

import argparse
import asyncio
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from bench import report, scenarios, targets
from bench.scenarios import DeliveryLoad

RESULTS = Path(__file__).with_name("results")


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--targets", default=",".join(targets.TARGETS), help="comma-separated; default: %(default)s"
    )
    parser.add_argument("--users", type=int, default=200, help="users online in the delivery scenario")
    parser.add_argument(
        "--sizes", default="2,10,50", help="conversation sizes, each a delivery run of its own"
    )
    parser.add_argument("--senders", type=int, default=10)
    parser.add_argument("--rate", type=float, default=2.0, help="messages per second from each sender")
    parser.add_argument(
        "--duration", type=float, default=10.0, help="seconds of sending per conversation size"
    )
    parser.add_argument("--fanout-members", type=int, default=1000)
    parser.add_argument("--fanout-messages", type=int, default=5)
    parser.add_argument("--connections", type=int, default=10_000, help="idle sockets held at the end")
    parser.add_argument("--connection-steps", type=int, default=5, help="memory is read after each step")
    parser.add_argument("--capacity-users", type=int, default=100, help="the sockets' users, several each")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="record the monolith under py-spy during its delivery runs, as <timestamp>-monolith.folded",
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args()


def raise_open_files_limit() -> None:
    """Both ends of 10,000 sockets: this process's limit, and that of the servers it starts."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def profiling(pid: int, output: Path) -> subprocess.Popen[bytes]:
    """py-spy samples the server from outside, so the profile costs the server next to nothing."""
    py_spy = Path(sys.executable).with_name("py-spy")
    return subprocess.Popen(
        [
            str(py_spy),
            "record",
            "--pid",
            str(pid),
            "--format",
            "raw",
            "--output",
            str(output),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
    )


def delivery_line(size: int, figures: dict[str, Any]) -> str:
    latency = figures["latency"]
    return (
        f"delivery, size {size}: {figures['accepted_per_second']:.1f} accepted msgs/s of"
        f" {figures['offered_per_second']:.0f} offered; p50 {latency['p50_ms']:.1f} ms,"
        f" p95 {latency['p95_ms']:.1f}, p99 {latency['p99_ms']:.1f}, max {latency['max_ms']:.1f};"
        f" {figures['deliveries_lost']} of {figures['deliveries_expected']} lost"
    )


def fanout_line(figures: dict[str, Any]) -> str:
    return (
        f"fan-out to {figures['members']}: last member {figures['last_member_ms']['p50_ms']:.1f} ms,"
        f" median member {figures['median_member_ms']['p50_ms']:.1f} ms (medians of {figures['messages']}"
        f" messages); {figures['deliveries_lost']} lost"
    )


def capacity_line(figures: dict[str, Any]) -> str:
    return (
        f"capacity: {figures['connections']} idle sockets held,"
        f" {figures['bytes_per_connection'] / 1024:.1f} KiB each"
    )


async def scenario(
    name: str, figures: Awaitable[dict[str, Any]], line: Callable[[dict[str, Any]], str]
) -> dict[str, Any]:
    """A scenario that fails is recorded as failed, and the run goes on with the next."""
    try:
        measured = await figures
    except Exception as error:
        print(f"  {name} failed: {error!r}", flush=True)
        return {"error": repr(error)}
    print(f"  {line(measured)}", flush=True)
    return measured


async def measure(name: str, arguments: argparse.Namespace, workdir: Path, stem: str) -> dict[str, Any]:
    started = time.perf_counter()
    async with targets.running(name, workdir, {}) as target:
        print(f"{name}: started in {time.perf_counter() - started:.1f}s", flush=True)
        users = await target.chat.sign_up(
            max(arguments.users, arguments.fanout_members, arguments.capacity_users)
        )
        load = DeliveryLoad(arguments.senders, arguments.rate, arguments.duration)
        profiler = (
            profiling(target.socket_server_pid, arguments.output / f"{stem}-{name}.folded")
            if (arguments.profile and name == "monolith")
            else None
        )
        delivery = {
            str(size): await scenario(
                "delivery",
                scenarios.delivery(target.chat, target.ws_url, users[: arguments.users], size, load),
                partial(delivery_line, size),
            )
            for size in [int(size) for size in arguments.sizes.split(",")]
        }
        if profiler is not None:
            profiler.send_signal(signal.SIGINT)
            profiler.wait()
        fanout = await scenario(
            "fan-out",
            scenarios.fanout(
                target.chat, target.ws_url, users[: arguments.fanout_members], arguments.fanout_messages
            ),
            fanout_line,
        )
        step = arguments.connections / arguments.connection_steps
        capacity = await scenario(
            "capacity",
            scenarios.capacity(
                target.ws_url,
                users[: arguments.capacity_users],
                target.socket_server_pid,
                [round(step * (number + 1)) for number in range(arguments.connection_steps)],
            ),
            capacity_line,
        )
    return {"delivery": delivery, "fanout": fanout, "capacity": capacity}


async def run(arguments: argparse.Namespace) -> Path:
    started_at = datetime.now(UTC)
    stem = started_at.strftime("%Y%m%dT%H%M%SZ")
    started = time.perf_counter()
    arguments.output.mkdir(parents=True, exist_ok=True)
    measured: dict[str, Any] = {}
    with TemporaryDirectory(prefix="hexchat-bench-") as scratch:
        for name in arguments.targets.split(","):
            workdir = Path(scratch) / name
            workdir.mkdir()
            measured[name] = await measure(name, arguments, workdir, stem)
    ratios = report.ratios(measured)
    for name, figures in ratios.items():
        print(f"{name} / baseline:", flush=True)
        for path, ratio in figures.items():
            print(f"  {path}: {ratio:g}", flush=True)
    record = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "duration_seconds": round(time.perf_counter() - started, 1),
        "machine": report.machine(),
        "settings": {
            key: str(value) if isinstance(value, Path) else value for key, value in vars(arguments).items()
        }
        | {"server_settings": targets.CHEAP_PASSWORD_HASHES | targets.LARGE_SEND_QUEUES},
        "targets": measured,
        "ratio_to_baseline": ratios,
    }
    return report.write(record, arguments.output, stem)


def main() -> None:
    arguments = options()
    raise_open_files_limit()
    written = asyncio.run(run(arguments))
    print(f"wrote {written} and {written.with_suffix('.png')} (also latest.json, latest.png)")


if __name__ == "__main__":
    main()
