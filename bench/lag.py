"""How far each event consumer is behind, read from the servers' Prometheus `/metrics`.

Latency at a recipient says that a message came late, not where it waited; the consumers' lag
says whether the events behind it queued, and the batch sizes whether the consumers caught up by
taking more at once. The servers export, per consumer group:

- `event_consumer_lag_events` and `event_consumer_lag_seconds` (gauges): events not yet applied,
  and how old the oldest of them is;
- `event_consumer_events_applied_total` (counter);
- `event_consumer_batch_events` (histogram): its `_sum` over its `_count` is the mean batch.

The monolith serves them at its `/metrics`, each service at its own. Where a group is consumed by
several processes (instances of a service) its lag and counts are added up and its lag in seconds
is the oldest. A server that exports none of them (a version before they were added, or the
baseline, which has no events) gives None for every figure, and the run goes on.
"""

import asyncio
import time
from collections import defaultdict
from collections.abc import Sequence
from types import TracebackType
from typing import Self

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

_PREFIX = "event_consumer_"
LAG_EVENTS = "event_consumer_lag_events"
LAG_SECONDS = "event_consumer_lag_seconds"
APPLIED = "event_consumer_events_applied_total"
BATCH_SUM = "event_consumer_batch_events_sum"
BATCH_COUNT = "event_consumer_batch_events_count"
_OLDEST = {LAG_SECONDS}
"""Combined across processes by their maximum; every other sample is added up."""
_SCRAPE_TIMEOUT_SECONDS = 2.0
_POLL_SECONDS = 0.05

Reading = dict[str, dict[str, float]]
"""Consumer group -> sample name (`LAG_EVENTS`, ...) -> value; empty when no process exports any."""


def parse(exposition: str) -> Reading:
    """The consumer samples of one process's `/metrics` page, by group. Only the page's consumer
    lines are parsed: a page also holds every HTTP route's histograms, and the drain is polled
    every 50 ms."""
    ours = "\n".join(line for line in exposition.splitlines() if _PREFIX in line) + "\n"
    reading: Reading = defaultdict(dict)
    for family in text_string_to_metric_families(ours):
        for sample in family.samples:
            group = sample.labels.get("group")
            if group is not None and sample.name in (
                LAG_EVENTS,
                LAG_SECONDS,
                APPLIED,
                BATCH_SUM,
                BATCH_COUNT,
            ):
                reading[group][sample.name] = sample.value
    return dict(reading)


def combine(readings: Sequence[Reading]) -> Reading:
    """The readings of several processes as one: a group consumed by several instances is the sum
    of their lags and counts, and as old as the oldest of them."""
    combined: Reading = defaultdict(dict)
    for reading in readings:
        for group, samples in reading.items():
            for name, value in samples.items():
                earlier = combined[group].get(name)
                if earlier is None:
                    combined[group][name] = value
                else:
                    combined[group][name] = max(earlier, value) if name in _OLDEST else earlier + value
    return dict(combined)


def lag_figures(reading: Reading | None) -> dict[str, dict[str, float | None]] | None:
    """Each group's lag, `{"events": ..., "seconds": ...}`; None when nothing was exported."""
    if not reading:
        return None
    return {
        group: {"events": samples.get(LAG_EVENTS), "seconds": samples.get(LAG_SECONDS)}
        for group, samples in sorted(reading.items())
    }


def mean_batches(before: Reading | None, after: Reading | None) -> dict[str, float | None] | None:
    """Each group's mean batch size between two readings: the events it took over the batches it
    took them in (None for a group that took no batch, or whose histogram is not exported)."""
    if not before or not after:
        return None
    means: dict[str, float | None] = {}
    for group, samples in sorted(after.items()):
        earlier = before.get(group, {})
        try:
            events = samples[BATCH_SUM] - earlier.get(BATCH_SUM, 0.0)
            batches = samples[BATCH_COUNT] - earlier.get(BATCH_COUNT, 0.0)
        except KeyError:
            means[group] = None
            continue
        means[group] = round(events / batches, 2) if batches > 0 else None
    return means


def applied(before: Reading | None, after: Reading | None) -> dict[str, float | None] | None:
    """The events each group applied between two readings."""
    if not before or not after:
        return None
    return {
        group: samples[APPLIED] - before.get(group, {}).get(APPLIED, 0.0) if APPLIED in samples else None
        for group, samples in sorted(after.items())
    }


def idle(reading: Reading) -> bool:
    """Every group has applied every event (a group that exports only seconds: none is waiting)."""
    return all(samples.get(LAG_EVENTS, samples.get(LAG_SECONDS, 0.0)) == 0 for samples in reading.values())


class ConsumerMetrics:
    """Reads the consumer metrics of every process of a target, all at once."""

    def __init__(self, urls: Sequence[str]) -> None:
        self._urls = list(urls)
        self._session: aiohttp.ClientSession | None = None
        self._exported = False
        """Whether any page so far had consumer samples: a target that exports none is not polled
        for seconds, while one that does but is too busy to answer a scrape is waited for."""

    async def __aenter__(self) -> Self:
        if self._urls:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=_SCRAPE_TIMEOUT_SECONDS)
            )
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._session is not None:
            await self._session.close()

    async def read(self) -> Reading | None:
        """Every group's samples now; None when no process answered or none exports them (a server
        that is down or too busy to answer in 2 s counts as not answering)."""
        if self._session is None:
            return None
        pages = await asyncio.gather(*(self._page(self._session, url) for url in self._urls))
        readings = [parse(page) for page in pages if page is not None]
        return combine(readings) or None

    async def drained_ms(self, since: float, within: float) -> float | None:
        """Milliseconds from `since` (a `time.perf_counter()`) until a reading in which every group
        is idle, polling every 50 ms; None if none was within `within` seconds, or nothing is
        exported (then at once: there is nothing to wait for)."""
        deadline = time.perf_counter() + within
        while True:
            reading = await self.read()
            if reading is None and not self._exported:
                return None
            if reading is not None and idle(reading):
                return round((time.perf_counter() - since) * 1000, 1)
            if time.perf_counter() > deadline:
                return None
            await asyncio.sleep(_POLL_SECONDS)

    async def _page(self, session: aiohttp.ClientSession, url: str) -> str | None:
        try:
            async with session.get(url) as answer:
                if answer.status != 200:
                    return None
                page = await answer.text()
        except (aiohttp.ClientError, TimeoutError, OSError):
            return None
        if _PREFIX in page:
            self._exported = True
        return page
