"""A run's record: the machine and settings it ran with, its figures, each also as a ratio to the
baseline's, written as JSON with a plot beside it."""

import json
import os
import platform
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.ticker

matplotlib.use("Agg")  # files only: no display on a server or in CI
import matplotlib.pyplot as plt
import psutil

_REPOSITORY = Path(__file__).parents[1]
_RAW = "percentiles_ms"
"""Distributions are kept whole for the plot and compared to the baseline only by their summaries."""
_COMPARED = {"accepted_per_second", "p50_ms", "p95_ms", "p99_ms", "max_ms", "bytes_per_connection"}
"""The figures that say how the chat does; counts such as messages sent are settings, not results."""


def machine() -> dict[str, Any]:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_bytes": psutil.virtual_memory().total,
        "os": platform.platform(),
        "python": platform.python_version(),
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain")),
    }


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def _git(*arguments: str) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=_REPOSITORY, capture_output=True, text=True, check=False
    ).stdout.strip()


def _numbers(figures: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, float]]:
    for key, value in figures.items():
        if isinstance(value, Mapping):
            yield from _numbers(value, f"{prefix}{key}.")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield f"{prefix}{key}", float(value)


def ratios(targets: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    """Every figure of every target divided by the baseline's same figure: for latency and memory
    the factor the chat costs over the bare stack, for throughput the share it keeps of it."""
    baseline = dict(_numbers(targets.get("baseline", {})))
    return {
        name: {
            path: round(value / baseline[path], 3)
            for path, value in _numbers(figures)
            if baseline.get(path) and path.rpartition(".")[2] in _COMPARED
        }
        for name, figures in targets.items()
        if name != "baseline" and baseline
    }


def write(record: dict[str, Any], directory: Path, stem: str) -> Path:
    """`<stem>.json` and `.png` in `directory`, copied to `latest.json` and `latest.png`."""
    directory.mkdir(parents=True, exist_ok=True)
    figure = plot(record)
    for name in (stem, "latest"):
        (directory / f"{name}.json").write_text(json.dumps(record, indent=1) + "\n")
        figure.savefig(directory / f"{name}.png", dpi=110)
    plt.close(figure)
    return directory / f"{stem}.json"


def plot(record: Mapping[str, Any]) -> Any:
    targets: Mapping[str, Mapping[str, Any]] = record["targets"]
    colours = {name: f"C{index}" for index, name in enumerate(targets)}
    figure, ((latency, throughput), (fanout, memory)) = plt.subplots(2, 2, figsize=(13, 9))
    figure.suptitle(
        f"hexchat bench {record['started_at']} on {record['machine']['cores']} cores"
        f" ({record['machine']['cpu']}), commit {record['machine']['git_commit'][:10]}",
        fontsize=10,
    )
    styles = ["-", "--", ":", "-."]
    for name, figures in targets.items():
        for index, (size, delivery) in enumerate(figures["delivery"].items()):
            if "error" in delivery:
                continue
            percentiles = delivery["latency"][_RAW]
            latency.plot(
                percentiles,
                range(len(percentiles)),
                styles[index % len(styles)],
                color=colours[name],
                label=f"{name}, size {size}",
            )
    latency.set(
        xscale="log", xlabel="send to receive (ms, log)", ylabel="percentile", title="Delivery latency CDF"
    )
    latency.xaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
    latency.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    latency.legend(fontsize=7)
    latency.grid(alpha=0.3)

    sizes = sorted({size for figures in targets.values() for size in figures["delivery"]}, key=int)
    width = 0.8 / max(1, len(targets))
    for offset, (name, figures) in enumerate(targets.items()):
        delivery = figures["delivery"]
        throughput.bar(
            [index + offset * width for index in range(len(sizes))],
            [delivery.get(size, {}).get("accepted_per_second", 0) for size in sizes],
            width,
            color=colours[name],
            label=name,
        )
    throughput.set(
        xticks=[index + width * (len(targets) - 1) / 2 for index in range(len(sizes))],
        xticklabels=[f"size {size}" for size in sizes],
        ylabel="accepted messages/s",
        title="Delivery throughput",
    )
    throughput.legend(fontsize=7)

    names = [name for name, figures in targets.items() if "error" not in figures["fanout"]]
    for quantity, shift in (("median_member_ms", -0.2), ("last_member_ms", 0.2)):
        fanout.bar(
            [index + shift for index in range(len(names))],
            [targets[name]["fanout"][quantity]["p50_ms"] for name in names],
            0.4,
            color=[colours[name] for name in names],
            alpha=0.5 if quantity == "median_member_ms" else 1.0,
        )
    fanout.set(
        xticks=range(len(names)),
        xticklabels=names,
        ylabel="ms (median over messages)",
        title="Fan-out to one group: median member (light), last member (dark)",
    )

    for name, figures in targets.items():
        if "error" not in figures["capacity"]:
            points = figures["capacity"]["rss_bytes"]
            memory.plot(
                [point["connections"] for point in points],
                [point["rss"] / 2**20 for point in points],
                "o-",
                color=colours[name],
                label=f"{name}: {figures['capacity']['bytes_per_connection'] / 1024:.1f} KiB/connection",
            )
    memory.set(
        xlabel="idle WebSocket connections", ylabel="resident memory (MiB)", title="Capacity: one process"
    )
    memory.legend(fontsize=7)
    memory.grid(alpha=0.3)
    figure.tight_layout()
    return figure
