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
_COMPARED = {
    "accepted_per_second",
    "deliveries_per_second",
    "sustainable_msgs_per_second",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "max_ms",
    "bytes_per_connection",
}
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
        elif isinstance(value, list) and all(isinstance(item, Mapping) for item in value):
            for index, item in enumerate(value):
                yield from _numbers(item, f"{prefix}{key}.{_step_name(item, index)}.")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield f"{prefix}{key}", float(value)


def _step_name(step: Mapping[str, Any], index: int) -> str:
    """A saturation step by its offered rate, so that each target's step is compared with the
    baseline's at the same rate (`saturation.steps.200.latency.p99_ms`)."""
    rate = step.get("offered_per_second")
    return f"{rate:g}" if isinstance(rate, int | float) else str(index)


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
    figure, ((latency, throughput), (fanout, memory), (saturation, closed)) = plt.subplots(
        3, 2, figsize=(13, 13.5)
    )
    figure.suptitle(
        f"hexchat bench {record['started_at']} on {record['machine']['cores']} cores"
        f" ({record['machine']['cpu']}), commit {record['machine']['git_commit'][:10]}",
        fontsize=10,
    )
    _latency_panel(latency, targets, colours)
    _throughput_panel(throughput, targets, colours)
    _fanout_panel(fanout, targets, colours)
    _memory_panel(memory, targets, colours)
    _saturation_panel(saturation, targets, colours)
    _closed_loop_panel(closed, targets, colours)
    figure.tight_layout()
    return figure


def _legend(axes: Any, **options: Any) -> None:
    """A legend where there is something to name (a scenario not run leaves its panel empty)."""
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize=7, **options)


def _log_axis_in_plain_numbers(axis: Any) -> None:
    axis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
    axis.set_minor_formatter(matplotlib.ticker.NullFormatter())


def _latency_panel(axes: Any, targets: Mapping[str, Mapping[str, Any]], colours: Mapping[str, str]) -> None:
    styles = ["-", "--", ":", "-."]
    for name, figures in targets.items():
        for index, (size, delivery) in enumerate(figures.get("delivery", {}).items()):
            if "error" in delivery:
                continue
            percentiles = delivery["latency"][_RAW]
            axes.plot(
                percentiles,
                range(len(percentiles)),
                styles[index % len(styles)],
                color=colours[name],
                label=f"{name}, size {size}",
            )
    axes.set(
        xscale="log", xlabel="send to receive (ms, log)", ylabel="percentile", title="Delivery latency CDF"
    )
    _log_axis_in_plain_numbers(axes.xaxis)
    _legend(axes)
    axes.grid(alpha=0.3)


def _throughput_panel(
    axes: Any, targets: Mapping[str, Mapping[str, Any]], colours: Mapping[str, str]
) -> None:
    sizes = sorted({size for figures in targets.values() for size in figures.get("delivery", {})}, key=int)
    if not sizes:
        axes.set(title="Delivery throughput (not run)")
        return
    width = 0.8 / max(1, len(targets))
    for offset, (name, figures) in enumerate(targets.items()):
        delivery = figures.get("delivery", {})
        axes.bar(
            [index + offset * width for index in range(len(sizes))],
            [delivery.get(size, {}).get("accepted_per_second", 0) for size in sizes],
            width,
            color=colours[name],
            label=name,
        )
    axes.set(
        xticks=[index + width * (len(targets) - 1) / 2 for index in range(len(sizes))],
        xticklabels=[f"size {size}" for size in sizes],
        ylabel="accepted messages/s",
        title="Delivery throughput",
    )
    _legend(axes)


def _fanout_panel(axes: Any, targets: Mapping[str, Mapping[str, Any]], colours: Mapping[str, str]) -> None:
    names = [name for name, figures in targets.items() if "error" not in figures.get("fanout", {"error": ""})]
    for quantity, shift in (("median_member_ms", -0.2), ("last_member_ms", 0.2)):
        axes.bar(
            [index + shift for index in range(len(names))],
            [targets[name]["fanout"][quantity]["p50_ms"] for name in names],
            0.4,
            color=[colours[name] for name in names],
            alpha=0.5 if quantity == "median_member_ms" else 1.0,
        )
    axes.set(
        xticks=range(len(names)),
        xticklabels=names,
        ylabel="ms (median over messages)",
        title="Fan-out to one group: median member (light), last member (dark)",
    )


def _memory_panel(axes: Any, targets: Mapping[str, Mapping[str, Any]], colours: Mapping[str, str]) -> None:
    for name, figures in targets.items():
        capacity = figures.get("capacity", {"error": ""})
        if "error" not in capacity:
            points = capacity["rss_bytes"]
            axes.plot(
                [point["connections"] for point in points],
                [point["rss"] / 2**20 for point in points],
                "o-",
                color=colours[name],
                label=f"{name}: {capacity['bytes_per_connection'] / 1024:.1f} KiB/connection",
            )
    axes.set(
        xlabel="idle WebSocket connections", ylabel="resident memory (MiB)", title="Capacity: one process"
    )
    _legend(axes)
    axes.grid(alpha=0.3)


def _saturation_panel(
    axes: Any, targets: Mapping[str, Mapping[str, Any]], colours: Mapping[str, str]
) -> None:
    """Latency against offered rate: flat while the target keeps up, then rising steeply where it
    queues; a cross marks a step that lost deliveries or failed sends, a dotted line the
    sustainable rate."""
    limit = None
    offered: set[float] = set()
    for name, figures in targets.items():
        measured = figures.get("saturation", {"error": ""})
        if "error" in measured:
            continue
        limit = measured["sustainable_p99_limit_ms"]
        steps = [step for step in measured["steps"] if "error" not in step and step["latency"]["samples"]]
        rates = [step["offered_per_second"] for step in steps]
        offered.update(rates)
        for quantile, style in (("p99_ms", "o-"), ("p50_ms", "s--")):
            axes.plot(
                rates,
                [step["latency"][quantile] for step in steps],
                style,
                color=colours[name],
                markersize=4,
                label=f"{name} {quantile.removesuffix('_ms')}",
            )
        troubled = [step for step in steps if step["failed"] or step["deliveries_lost"]]
        axes.plot(
            [step["offered_per_second"] for step in troubled],
            [step["latency"]["p99_ms"] for step in troubled],
            "x",
            color="black",
            markersize=9,
        )
        if measured["sustainable_msgs_per_second"] is not None:
            axes.axvline(
                measured["sustainable_msgs_per_second"],
                color=colours[name],
                linestyle=":",
                label=f"{name} sustainable",
            )
    if limit is not None:
        axes.axhline(limit, color="grey", linewidth=0.8, label=f"p99 limit for sustainable ({limit:g} ms)")
    axes.set(
        xscale="log",
        yscale="log",
        xlabel="offered messages/s (log; x: a step lost or failed messages)",
        ylabel="send to receive (ms, log)",
        title="Saturation: delivery latency against offered rate",
    )
    if offered:
        axes.set_xticks(sorted(offered))
    _log_axis_in_plain_numbers(axes.xaxis)
    _log_axis_in_plain_numbers(axes.yaxis)
    _legend(axes)
    axes.grid(alpha=0.3, which="both")


def _closed_loop_panel(
    axes: Any, targets: Mapping[str, Mapping[str, Any]], colours: Mapping[str, str]
) -> None:
    """What each target accepts when senders wait only for answers (bars), and the p99 delivery
    latency that costs (diamonds, right axis)."""
    runs = {
        name: {messages: run for messages, run in figures["closed_loop"].items() if "error" not in run}
        for name, figures in targets.items()
        if "error" not in figures.get("closed_loop", {"error": ""})
    }
    counts = sorted({messages for measured in runs.values() for messages in measured}, key=int)
    width = 0.8 / max(1, len(runs))
    latency = axes.twinx()
    for offset, (name, measured) in enumerate(runs.items()):
        positions = [index + offset * width for index, messages in enumerate(counts) if messages in measured]
        shown = [messages for messages in counts if messages in measured]
        axes.bar(
            positions,
            [measured[messages]["accepted_per_second"] for messages in shown],
            width,
            color=colours[name],
            alpha=0.7,
            label=name,
        )
        latency.plot(
            positions,
            [measured[messages]["latency"]["p99_ms"] for messages in shown],
            "D",
            color=colours[name],
            markeredgecolor="black",
        )
    axes.set(
        xticks=[index + width * (len(runs) - 1) / 2 for index in range(len(counts))],
        xticklabels=[f"{messages} messages" for messages in counts],
        ylabel="accepted messages/s (bars)",
        title="Closed loop: accepted messages/s (bars), p99 delivery latency (diamonds)",
    )
    latency.set(ylabel="p99 send to receive (ms, diamonds)", ylim=(0, None))
    _legend(axes, loc="upper left")
