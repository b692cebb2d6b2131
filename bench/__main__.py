"""`make bench`: delivery, fan-out, capacity, reactions and saturation of each target, in one run.

The search scenario measures the search indexes instead, over their own databases rather than a
target; it takes minutes to fill them, so it runs only when `--scenarios` names it.

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
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from bench import reactions, report, scenarios, search, search_lag, targets, throughput, uploads
from bench.chat import Account, ChatApi
from bench.lag import ConsumerMetrics
from bench.scenarios import DeliveryLoad
from bench.targets import Target
from bench.throughput import SaturationLoad

RESULTS = Path(__file__).with_name("results")
TARGET_SCENARIOS = (
    "delivery",
    "threads",
    "fanout",
    "capacity",
    "closed_loop",
    "reactions",
    "uploads",
    "search_lag",
    "saturation",
)
"""Every scenario of a target, in the order they run: saturation last, since it may leave the target
overloaded. Together the default of `--scenarios`."""
SCENARIOS = (*TARGET_SCENARIOS, "search")
"""`search` runs after the targets, on no target."""


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
    parser.add_argument(
        "--thread-size", type=int, default=10, help="members per conversation in the threads scenario"
    )
    parser.add_argument("--fanout-members", type=int, default=1000)
    parser.add_argument("--fanout-messages", type=int, default=5)
    parser.add_argument("--connections", type=int, default=10_000, help="idle sockets held at the end")
    parser.add_argument("--connection-steps", type=int, default=5, help="memory is read after each step")
    parser.add_argument("--capacity-users", type=int, default=100, help="the sockets' users, several each")
    parser.add_argument("--closed-members", type=int, default=20, help="the closed-loop group's members")
    parser.add_argument("--closed-senders", type=int, default=5, help="closed-loop members who send")
    parser.add_argument(
        "--closed-messages",
        default="200,400",
        help="messages in all, each count a closed-loop run of its own",
    )
    parser.add_argument("--reaction-members", type=int, default=20, help="the reaction scenario's group")
    parser.add_argument(
        "--reaction-rounds", type=int, default=50, help="messages, each followed by a reaction to it"
    )
    parser.add_argument("--upload-files", type=int, default=40, help="files the upload scenario sends")
    parser.add_argument("--upload-mib", type=int, default=5, help="the size of each, in MiB")
    parser.add_argument("--upload-concurrency", type=int, default=4, help="uploads at once")
    parser.add_argument(
        "--large-upload-mib",
        type=int,
        default=100,
        help="the file the server's memory is read over",
    )
    parser.add_argument(
        "--search-lag-messages", type=int, default=100, help="messages timed until search finds them"
    )
    parser.add_argument("--saturation-users", type=int, default=1000, help="users online while saturating")
    parser.add_argument("--saturation-size", type=int, default=10, help="members per saturation conversation")
    parser.add_argument(
        "--saturation-rates",
        default="50,100,200,400,800",
        help="messages per second offered in all, one step each, in order",
    )
    parser.add_argument("--saturation-step-seconds", type=float, default=15.0)
    parser.add_argument(
        "--saturation-stop-p99-ms",
        type=float,
        default=1000.0,
        help="no faster step after one whose p99 passes this (or that lost or failed anything)",
    )
    parser.add_argument(
        "--sustainable-p99-ms",
        type=float,
        default=100.0,
        help="the sustainable rate is the fastest step with a p99 at most this that lost nothing",
    )
    parser.add_argument(
        "--search-messages", type=int, default=1_000_000, help="messages in each search index"
    )
    parser.add_argument(
        "--search-conversations", type=int, default=2_000, help="conversations the messages are in"
    )
    parser.add_argument("--search-vocabulary", type=int, default=2_000, help="distinct words of the bodies")
    parser.add_argument("--search-member-of", type=int, default=50, help="conversations of the searcher")
    parser.add_argument("--searches", type=int, default=200, help="searches of each kind timed")
    parser.add_argument(
        "--scenarios",
        default=",".join(TARGET_SCENARIOS),
        help=f"comma-separated, of {', '.join(SCENARIOS)}; default: %(default)s",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="record the monolith under py-spy during its delivery runs, as <timestamp>-monolith.folded",
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    arguments = parser.parse_args()
    if unknown := set(arguments.scenarios.split(",")) - set(SCENARIOS):
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    return arguments


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


def delivery_line(size: int, figures: dict[str, Any], scenario: str = "delivery") -> str:
    latency = figures["latency"]
    return (
        f"{scenario}, size {size}: {figures['accepted_per_second']:.1f} accepted msgs/s of"
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


def _latency_text(latency: dict[str, Any]) -> str:
    return (
        f"p50 {latency['p50_ms']:.1f} ms, p95 {latency['p95_ms']:.1f}, p99 {latency['p99_ms']:.1f},"
        f" max {latency['max_ms']:.1f}"
    )


def lag_text(figures: dict[str, Any]) -> str:
    """The group furthest behind at the last send, and how long until every group caught up."""
    at_last_send = figures["lag_at_last_send"]
    if at_last_send is None:
        return "no consumer lag exported"
    drained = figures["lag_drained_ms"]
    drained_text = "not drained within 10 s" if drained is None else f"drained {drained:.0f} ms after it"
    behind = sum(lag["events"] or 0 for lag in at_last_send.values())
    if not behind:
        return f"no lag at last send, {drained_text}"
    group, lag = max(at_last_send.items(), key=lambda item: item[1]["events"] or 0)
    batch = (figures["mean_batch_events"] or {}).get(group)
    return (
        f"lag at last send {behind:.0f} events, most {group} {lag['events']:.0f}"
        f" ({lag['seconds'] or 0:.2f} s, mean batch {'-' if batch is None else f'{batch:g}'}), {drained_text}"
    )


def closed_loop_line(messages: int, figures: dict[str, Any]) -> str:
    if "error" in figures:
        return f"closed loop, {messages} messages failed: {figures['error']}"
    return (
        f"closed loop, {messages} messages from {figures['senders']} senders to"
        f" {figures['recipients_per_message']} each: {figures['accepted_per_second']:.1f} accepted msgs/s,"
        f" {figures['deliveries_per_second']:.0f} deliveries/s; {_latency_text(figures['latency'])};"
        f" {figures['deliveries_lost']} of {figures['deliveries_expected']} lost, {figures['failed']} failed;"
        f" {lag_text(figures)}"
    )


def saturation_step_line(figures: dict[str, Any]) -> str:
    offered = f"saturation, {figures['offered_per_second']:g} msgs/s offered"
    if "error" in figures:
        return f"{offered}: failed: {figures['error']}"
    return (
        f"{offered}: {figures['accepted_per_second']:.1f} accepted, {figures['deliveries_per_second']:.0f}"
        f" deliveries/s; {_latency_text(figures['latency'])}; {figures['deliveries_lost']} of"
        f" {figures['deliveries_expected']} lost, {figures['failed']} failed; generator"
        f" {figures['generator_cpu_share']:.0%} of a core, sends p99 {figures['send_late_ms']['p99']} ms"
        f" late; {lag_text(figures)}"
    )


def _rate_text(rate: float | None) -> str:
    return "none" if rate is None else f"{rate:g} msgs/s"


def saturation_line(figures: dict[str, Any]) -> str:
    rate = figures["sustainable_msgs_per_second"]
    return (
        f"saturation: sustainable rate {_rate_text(rate)} (p99 at most"
        f" {figures['sustainable_p99_limit_ms']:g} ms, nothing lost); "
        + (f"stopped: {figures['stopped_because']}" if figures["stopped_because"] else "every step ran")
    )


def reactions_line(figures: dict[str, Any]) -> str:
    ratio = figures["reaction_to_message_p50"]
    return (
        f"reactions in a group of {figures['members']}: p50 {figures['reaction_latency']['p50_ms']:.1f} ms,"
        f" p99 {figures['reaction_latency']['p99_ms']:.1f}; messages p50"
        f" {figures['message_latency']['p50_ms']:.1f} ms, p99 {figures['message_latency']['p99_ms']:.1f};"
        f" reaction/message p50 {'-' if ratio is None else f'{ratio:.2f}'};"
        f" lost {figures['deliveries_lost']}"
    )


def uploads_line(figures: dict[str, Any]) -> str:
    large = figures["large_file"]
    return (
        f"uploads of {figures['file_mib']} MiB, {figures['concurrency']} at once:"
        f" {figures['mib_per_second']:.1f} MiB/s, p50 {figures['latency']['p50_ms']:.0f} ms,"
        f" p99 {figures['latency']['p99_ms']:.0f} ms, failed {figures['failed']};"
        f" a {large['mib']} MiB file: answered {large['status']} in {large['seconds']:.1f} s, server memory"
        f" grew {large['rss_growth_bytes'] / 2**20:.1f} MiB"
    )


def search_lag_line(figures: dict[str, Any]) -> str:
    lag = figures["lag"]
    return (
        f"indexing lag over {figures['messages']} messages: p50 {lag['p50_ms']:.1f} ms,"
        f" p99 {lag['p99_ms']:.1f} ms; not found within 15 s: {figures['lost']}"
    )


def _printed(line: Callable[..., str]) -> Callable[..., None]:
    """Prints a run's or a step's figures as they come, below its scenario."""

    def show(*figures: Any) -> None:
        print(f"    {line(*figures)}", flush=True)

    return show


async def scenario(name: str, figures: Awaitable[Any], line: Callable[[Any], str | None]) -> dict[str, Any]:
    """A scenario that fails is recorded as failed, and the run goes on with the next."""
    try:
        measured = await figures
    except Exception as error:
        print(f"  {name} failed: {error!r}", flush=True)
        return {"error": repr(error)}
    if (text := line(measured)) is not None:
        print(f"  {text}", flush=True)
    return dict(measured)


def _users_needed(arguments: argparse.Namespace, chosen: Sequence[str]) -> int:
    needed: dict[str, int] = {
        "delivery": arguments.users,
        "threads": arguments.users,
        "fanout": arguments.fanout_members,
        "capacity": arguments.capacity_users,
        "closed_loop": arguments.closed_members,
        "reactions": arguments.reaction_members,
        "uploads": 1,
        "search_lag": 2,
        "saturation": arguments.saturation_users,
    }
    return max(needed[name] for name in chosen)


async def _delivery(
    target: Target, arguments: argparse.Namespace, users: Sequence[Account], profile: Path | None
) -> dict[str, Any]:
    load = DeliveryLoad(arguments.senders, arguments.rate, arguments.duration)
    profiler = profiling(target.socket_server_pid, profile) if profile is not None else None
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
    return delivery


def _capacity(target: Target, arguments: argparse.Namespace, users: Sequence[Account]) -> Awaitable[Any]:
    step = arguments.connections / arguments.connection_steps
    return scenarios.capacity(
        target.ws_url,
        users[: arguments.capacity_users],
        target.socket_server_pid,
        [round(step * (number + 1)) for number in range(arguments.connection_steps)],
    )


def _closed_loop(
    target: Target, arguments: argparse.Namespace, users: Sequence[Account], metrics: ConsumerMetrics
) -> Awaitable[Any]:
    return throughput.closed_loop(
        target.chat,
        target.ws_url,
        metrics,
        users[: arguments.closed_members],
        arguments.closed_senders,
        [int(messages) for messages in arguments.closed_messages.split(",")],
        _printed(closed_loop_line),
    )


def _saturation(
    target: Target, arguments: argparse.Namespace, users: Sequence[Account], metrics: ConsumerMetrics
) -> Awaitable[Any]:
    load = SaturationLoad(
        arguments.saturation_size,
        [float(rate) for rate in arguments.saturation_rates.split(",")],
        arguments.saturation_step_seconds,
        arguments.saturation_stop_p99_ms,
        arguments.sustainable_p99_ms,
    )
    return throughput.saturation(
        target.chat,
        target.ws_url,
        metrics,
        users[: arguments.saturation_users],
        load,
        _printed(saturation_step_line),
    )


async def _search(arguments: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    load = search.SearchLoad(
        messages=arguments.search_messages,
        conversations=arguments.search_conversations,
        vocabulary=arguments.search_vocabulary,
        member_of=arguments.search_member_of,
        searches=arguments.searches,
    )
    measured = await search.search(load, workdir, _printed(str))
    for line in search.search_lines(measured):
        print(f"  {line}", flush=True)
    return measured


async def measure(name: str, arguments: argparse.Namespace, workdir: Path, stem: str) -> dict[str, Any]:
    chosen = [name for name in TARGET_SCENARIOS if name in arguments.scenarios.split(",")]
    measured: dict[str, Any] = {}
    started = time.perf_counter()
    async with targets.running(name, workdir, {}) as target, ConsumerMetrics(target.metrics_urls) as metrics:
        print(f"{name}: started in {time.perf_counter() - started:.1f}s", flush=True)
        users = await target.chat.sign_up(_users_needed(arguments, chosen))
        if "delivery" in chosen:
            profile = (
                arguments.output / f"{stem}-{name}.folded"
                if (arguments.profile and name == "monolith")
                else None
            )
            measured["delivery"] = await _delivery(target, arguments, users, profile)
        if "threads" in chosen:
            measured["threads"] = await scenario(
                "threads",
                scenarios.delivery(
                    target.chat,
                    target.ws_url,
                    users[: arguments.users],
                    arguments.thread_size,
                    DeliveryLoad(arguments.senders, arguments.rate, arguments.duration),
                    threaded=True,
                ),
                partial(delivery_line, arguments.thread_size, scenario="threads"),
            )
        if "fanout" in chosen:
            measured["fanout"] = await scenario(
                "fan-out",
                scenarios.fanout(
                    target.chat, target.ws_url, users[: arguments.fanout_members], arguments.fanout_messages
                ),
                fanout_line,
            )
        if "capacity" in chosen:
            measured["capacity"] = await scenario(
                "capacity", _capacity(target, arguments, users), capacity_line
            )
        if "closed_loop" in chosen:
            print("  closed loop:", flush=True)
            measured["closed_loop"] = await scenario(
                "closed loop", _closed_loop(target, arguments, users, metrics), lambda _: None
            )
        if "reactions" in chosen and isinstance(target.chat, ChatApi):  # the baseline has no reactions
            measured["reactions"] = await scenario(
                "reactions",
                reactions.reactions(
                    target.chat, target.ws_url, users[: arguments.reaction_members], arguments.reaction_rounds
                ),
                reactions_line,
            )
        if "uploads" in chosen and isinstance(target.chat, ChatApi):  # the baseline takes no files
            measured["uploads"] = await scenario(
                "uploads",
                uploads.uploads(
                    target.http_url,
                    target.upload_url,
                    target.upload_server_pid,
                    users[0],
                    workdir,
                    files=arguments.upload_files,
                    file_mib=arguments.upload_mib,
                    concurrency=arguments.upload_concurrency,
                    large_file_mib=arguments.large_upload_mib,
                ),
                uploads_line,
            )
        if "search_lag" in chosen and isinstance(target.chat, ChatApi):  # the baseline has no search
            measured["search_lag"] = await scenario(
                "indexing lag",
                search_lag.indexing_lag(
                    target.chat, target.http_url, users[0], users[1], arguments.search_lag_messages
                ),
                search_lag_line,
            )
        if "saturation" in chosen:
            print("  saturation:", flush=True)
            measured["saturation"] = await scenario(
                "saturation", _saturation(target, arguments, users, metrics), saturation_line
            )
    return measured


def sustainable_lines(measured: dict[str, dict[str, Any]]) -> list[str]:
    """The one figure to compare topologies by at saturation, one line per target."""
    return [
        f"  {name}: "
        + (
            "failed"
            if "error" in figures["saturation"]
            else _rate_text(figures["saturation"]["sustainable_msgs_per_second"])
        )
        for name, figures in measured.items()
        if "saturation" in figures
    ]


async def run(arguments: argparse.Namespace) -> Path:
    started_at = datetime.now(UTC)
    stem = started_at.strftime("%Y%m%dT%H%M%SZ")
    started = time.perf_counter()
    arguments.output.mkdir(parents=True, exist_ok=True)
    measured: dict[str, Any] = {}
    chosen = arguments.scenarios.split(",")
    searched: dict[str, Any] = {}
    with TemporaryDirectory(prefix="hexchat-bench-") as scratch:
        for name in arguments.targets.split(",") if set(chosen) & set(TARGET_SCENARIOS) else []:
            workdir = Path(scratch) / name
            workdir.mkdir()
            measured[name] = await measure(name, arguments, workdir, stem)
        if "search" in chosen:
            print("search:", flush=True)
            searched = await scenario("search", _search(arguments, Path(scratch)), lambda _: None)
    if lines := sustainable_lines(measured):
        print(
            f"sustainable rate (p99 at most {arguments.sustainable_p99_ms:g} ms, nothing lost):",
            flush=True,
        )
        for line in lines:
            print(line, flush=True)
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
        | {
            "server_settings": targets.CHEAP_PASSWORD_HASHES
            | targets.REALTIME_HEADROOM
            | targets.UNLIMITED_WRITES
            | targets.LARGE_UPLOADS
        },
        "targets": measured,
        "ratio_to_baseline": ratios,
        "search": searched,
    }
    return report.write(record, arguments.output, stem)


def main() -> None:
    arguments = options()
    raise_open_files_limit()
    written = asyncio.run(run(arguments))
    print(f"wrote {written} and {written.with_suffix('.png')} (also latest.json, latest.png)")


if __name__ == "__main__":
    main()
