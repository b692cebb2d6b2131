"""The two scenarios that push a target until it queues: closed loop and saturation.

The delivery scenario offers little enough that nothing queues; these two find where a topology
stops keeping up. Closed loop sends as fast as answers come back, so it measures the most the
target accepts and what that does to delivery. Saturation offers rising rates, open loop, and names
the highest the target sustains. Both time deliveries as the delivery scenario does (from starting
the POST to the `message.created` frame at each recipient) and read the event consumers' lag from
the servers' `/metrics` (`bench.lag`) to tell where messages waited.
"""

import asyncio
import gc
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass
from uuid import uuid4

import psutil

from bench import lag
from bench.chat import Account, Chat, Conversation
from bench.lag import ConsumerMetrics, Reading
from bench.scenarios import Figures, latency_figures, ready
from bench.sockets import Inbox

_DRAIN_SECONDS = 15.0
"""How long messages sent may still arrive after the last send; later ones count as lost."""
_LAG_DRAIN_WITHIN_SECONDS = 10.0
"""How long the consumers may take to catch up after the last send before `lag_drained_ms` is null."""
_QUIET_WITHIN_SECONDS = 5.0
"""Before a run or step: how long to wait for the consumers to finish what came before."""
_PAUSE_SECONDS = 2.0
"""Before a run or step, when the target exports no lag to wait on."""
_START_AFTER_SECONDS = 0.1
_SETUP_CONCURRENCY = 25
"""Conversations made at once: each waits seconds for the contexts to settle, so they overlap."""
_CONNECTIONS_OPENED = 100
"""Before each step: more than the sends in flight at any step that keeps up (800 msgs/s answered
within 100 ms is 80 at once)."""
_ERRORS_KEPT = 3
"""Send errors kept per run or step, to say why sends failed without keeping thousands."""


@dataclass(frozen=True)
class SaturationLoad:
    size: int
    """Members per conversation."""
    rates: Sequence[float]
    """Messages per second offered in all, one step each, in order."""
    step_seconds: float
    stop_p99_ms: float
    """After a step whose p99 is above this, no faster step is tried."""
    sustainable_p99_limit_ms: float
    """The sustainable rate is the fastest step at or below this p99 that lost nothing."""


class Sends:
    """The messages of one run or step as the generator sent them: when each POST started, to whom,
    how it was answered. A send that raises (refused, reset, timed out) failed, and the run goes on."""

    def __init__(self, chat: Chat) -> None:
        self._chat = chat
        self.started: dict[str, tuple[float, frozenset[str]]] = {}
        """client_message_id -> (time.perf_counter() at the POST's start, recipient user ids)."""
        self.answers: dict[str, tuple[int | None, float]] = {}
        """client_message_id -> (status, or None when none came; time.perf_counter() then)."""
        self.late: list[float] = []
        """Seconds each open-loop send started after its scheduled time: the generator's own delay."""
        self.errors: list[str] = []

    async def send(
        self, sender: Account, conversation: Conversation, recipients: frozenset[str], at: float | None = None
    ) -> None:
        client_message_id = str(uuid4())
        started = time.perf_counter()
        if at is not None:
            self.late.append(started - at)
        self.started[client_message_id] = (started, recipients)
        status: int | None
        try:
            status = await self._chat.send(sender, conversation, client_message_id)
        except Exception as error:
            status = None
            if len(self.errors) < _ERRORS_KEPT:
                self.errors.append(repr(error))
        self.answers[client_message_id] = (status, time.perf_counter())

    @property
    def first_send(self) -> float:
        return min(started for started, _ in self.started.values())

    def accepted(self) -> list[str]:
        return [message for message, (status, _) in self.answers.items() if status == 201]

    def last_answer(self) -> float:
        return max(at for _, at in self.answers.values())

    async def delivered(self, inbox: Inbox, last_send: float) -> None:
        """Until every recipient has every accepted message, or 15 s after the last send."""
        deadline = last_send + _DRAIN_SECONDS
        for client_message_id in self.accepted():
            _, recipients = self.started[client_message_id]
            await inbox.delivered(client_message_id, recipients, max(0.0, deadline - time.perf_counter()))

    def answer_figures(self) -> Figures:
        accepted = len(self.accepted())
        return {
            "sent": len(self.started),
            "accepted": accepted,
            "failed": len(self.started) - accepted,
            "send_errors": self.errors,
        }

    def delivery_figures(self, inbox: Inbox) -> Figures:
        """Deliveries of the accepted messages only: one that failed is counted as failed, not lost."""
        expected = 0
        latencies: list[float] = []
        last_delivery = self.first_send
        for client_message_id in self.accepted():
            started, recipients = self.started[client_message_id]
            expected += len(recipients)
            for user_id, arrived in inbox.arrivals[client_message_id].items():
                if user_id in recipients:
                    latencies.append(arrived - started)
                    last_delivery = max(last_delivery, arrived)
        delivering = last_delivery - self.first_send
        return {
            "deliveries_expected": expected,
            "deliveries_lost": expected - len(latencies),
            "deliveries_per_second": round(len(latencies) / delivering, 1) if delivering > 0 else 0.0,
            "latency": latency_figures(latencies),
        }


@contextmanager
def _collected_between() -> Iterator[None]:
    """No garbage collection in this process while a run or step is measured, a full one before and
    after: a full collection over the bookkeeping of thousands of messages stops the generator for
    up to hundreds of milliseconds (230 ms seen on 2 cores), which would be timed as the target's
    latency and delay sends. Cycles made meanwhile wait a few seconds; reference counting frees
    everything else as usual."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


def _lag_figures(
    before: Reading | None, at_last_send: Reading | None, drained_ms: float | None, after: Reading | None
) -> Figures:
    return {
        "lag_at_last_send": lag.lag_figures(at_last_send),
        "lag_drained_ms": drained_ms,
        "mean_batch_events": lag.mean_batches(before, after),
        "events_applied": lag.applied(before, after),
    }


async def _quiet(metrics: ConsumerMetrics) -> None:
    """Until the consumers have applied what came before (setting up, the previous run or step), so
    that it is not measured as this one's; a few seconds when the target does not say."""
    if await metrics.drained_ms(time.perf_counter(), _QUIET_WITHIN_SECONDS) is None:
        await asyncio.sleep(_PAUSE_SECONDS)


async def _finished(
    sends: Sends, inbox: Inbox, metrics: ConsumerMetrics, last_send: float
) -> tuple[float | None, Reading | None]:
    """Once every send is answered: how long after the last send the consumers were idle again,
    while the deliveries arrive; then the metrics as they are after the run."""
    drained_ms, _ = await asyncio.gather(
        metrics.drained_ms(last_send, _LAG_DRAIN_WITHIN_SECONDS), sends.delivered(inbox, last_send)
    )
    return drained_ms, await metrics.read()


def _recipients(conversation: Conversation) -> dict[str, frozenset[str]]:
    """Sender's user id -> everyone else in the conversation: the sender is not a recipient."""
    ids = frozenset(member.user_id for member in conversation.members)
    return {member.user_id: ids - {member.user_id} for member in conversation.members}


async def closed_loop(
    chat: Chat,
    ws_url: str,
    metrics: ConsumerMetrics,
    members: Sequence[Account],
    senders: int,
    runs: Sequence[int],
    on_run: Callable[[int, Figures], None],
) -> dict[str, Figures]:
    """One group of all `members`, every one online; for each count in `runs`, that many messages
    from the first `senders` members, each posting the next as soon as its previous was answered.
    The target accepts as fast as it can, so the run shows its most and what delivery costs then."""
    group = await chat.conversation(members)
    results: dict[str, Figures] = {}
    async with AsyncExitStack() as stack:
        inbox = Inbox(ws_url)
        await inbox.listen(stack, members)
        await ready(chat, inbox, group)
        for messages in runs:
            await _quiet(metrics)
            await chat.open_connections(senders)
            try:
                with _collected_between():
                    figures = await _closed_run(
                        chat, inbox, metrics, group, group.members[:senders], messages
                    )
            except Exception as error:
                figures = {"messages": messages, "error": repr(error)}
            on_run(messages, figures)
            results[str(messages)] = figures
    return results


async def _closed_run(
    chat: Chat,
    inbox: Inbox,
    metrics: ConsumerMetrics,
    group: Conversation,
    senders: Sequence[Account],
    messages: int,
) -> Figures:
    sends = Sends(chat)
    recipients = _recipients(group)
    numbers = iter(range(messages))
    at_last_send: asyncio.Task[Reading | None] | None = None
    last_send = 0.0
    before = await metrics.read()

    async def sender(account: Account) -> None:
        nonlocal at_last_send, last_send
        # One iterator for all: each message goes to whichever sender is free first.
        for number in numbers:
            if number == messages - 1:
                last_send = time.perf_counter()
                at_last_send = asyncio.create_task(metrics.read())
            await sends.send(account, group, recipients[account.user_id])

    await asyncio.gather(*(sender(account) for account in senders))
    drained_ms, after = await _finished(sends, inbox, metrics, last_send)
    accepting = sends.last_answer() - sends.first_send
    return {
        "messages": messages,
        "senders": len(senders),
        "recipients_per_message": len(group.members) - 1,
        **sends.answer_figures(),
        "accepted_per_second": round(len(sends.accepted()) / accepting, 1) if accepting > 0 else 0.0,
        **sends.delivery_figures(inbox),
        **_lag_figures(before, await at_last_send if at_last_send else None, drained_ms, after),
    }


async def saturation(
    chat: Chat,
    ws_url: str,
    metrics: ConsumerMetrics,
    users: Sequence[Account],
    load: SaturationLoad,
    on_step: Callable[[Figures], None],
) -> Figures:
    """`users` online, in conversations of `load.size`; each rate in turn offered open loop for
    `load.step_seconds`, on the same sockets, until a step is too slow or loses messages."""
    limit = asyncio.Semaphore(_SETUP_CONCURRENCY)

    async def made(members: Sequence[Account]) -> Conversation:
        async with limit:
            return await chat.conversation(members)

    conversations = await asyncio.gather(
        *(made(users[start : start + load.size]) for start in range(0, len(users) - load.size + 1, load.size))
    )
    if not conversations:
        raise ValueError(f"{len(users)} users make no conversation of {load.size}")
    steps: list[Figures] = []
    stopped: str | None = None
    async with AsyncExitStack() as stack:
        inbox = Inbox(ws_url)
        await inbox.listen(stack, users[: len(conversations) * load.size])
        await asyncio.gather(*(ready(chat, inbox, conversation) for conversation in conversations))
        for rate in load.rates:
            await _quiet(metrics)
            await chat.open_connections(_CONNECTIONS_OPENED)
            try:
                with _collected_between():
                    step = await _open_step(chat, inbox, metrics, conversations, rate, load.step_seconds)
            except Exception as error:
                step = {"offered_per_second": rate, "error": repr(error)}
            on_step(step)
            steps.append(step)
            if stopped := _stop_reason(step, load.stop_p99_ms):
                break
    return {
        "users": len(conversations) * load.size,
        "conversation_size": load.size,
        "conversations": len(conversations),
        "step_seconds": load.step_seconds,
        "steps": steps,
        "stopped_because": stopped,
        "sustainable_p99_limit_ms": load.sustainable_p99_limit_ms,
        "sustainable_msgs_per_second": sustainable(steps, load.sustainable_p99_limit_ms),
    }


async def _open_step(
    chat: Chat,
    inbox: Inbox,
    metrics: ConsumerMetrics,
    conversations: Sequence[Conversation],
    rate: float,
    seconds: float,
) -> Figures:
    """`rate` messages a second in all for `seconds`, open loop: each send starts on schedule whether
    or not earlier ones were answered. Message k goes to conversation k mod n, from its members in
    turn, so every conversation and every member sends at the same pace."""
    sends = Sends(chat)
    recipients = {conversation.id: _recipients(conversation) for conversation in conversations}
    total = max(1, round(rate * seconds))
    tasks: list[asyncio.Task[None]] = []
    before = await metrics.read()
    generator = psutil.Process()
    cpu_before, wall_before = _cpu_seconds(generator), time.perf_counter()
    start = wall_before + _START_AFTER_SECONDS
    for number in range(total):
        at = start + number / rate
        if (delay := at - time.perf_counter()) > 0:
            await asyncio.sleep(delay)
        conversation = conversations[number % len(conversations)]
        sender = conversation.members[number // len(conversations) % len(conversation.members)]
        tasks.append(
            asyncio.create_task(
                sends.send(sender, conversation, recipients[conversation.id][sender.user_id], at)
            )
        )
    last_send = time.perf_counter()
    at_last_send = asyncio.create_task(metrics.read())
    await asyncio.gather(*tasks)
    cpu_share = (_cpu_seconds(generator) - cpu_before) / (time.perf_counter() - wall_before)
    drained_ms, after = await _finished(sends, inbox, metrics, last_send)
    accepted = len(sends.accepted())
    return {
        "offered_per_second": rate,
        "seconds": seconds,
        **sends.answer_figures(),
        # Over the step at least: a target that keeps up accepts exactly what is offered.
        "accepted_per_second": round(accepted / max(seconds, sends.last_answer() - sends.first_send), 1),
        **sends.delivery_figures(inbox),
        "generator_cpu_share": round(cpu_share, 3),
        "send_late_ms": _late_figures(sends.late),
        **_lag_figures(before, await at_last_send, drained_ms, after),
    }


def _cpu_seconds(process: psutil.Process) -> float:
    """User and system CPU of the process itself, not of the servers it started."""
    times = process.cpu_times()
    return times.user + times.system


def _late_figures(late: Sequence[float]) -> Figures:
    """How far behind schedule sends started: more than a few ms says the generator, not the target,
    set the pace (then the step offered less than its rate)."""
    if not late:
        return {"p50": None, "p99": None, "max": None}
    cuts = statistics.quantiles(late, n=100, method="inclusive") if len(late) > 1 else list(late) * 99
    # Not `p99_ms` as latencies are named: this is the generator's delay, no figure of the target's.
    return {
        "p50": round(cuts[49] * 1000, 2),
        "p99": round(cuts[98] * 1000, 2),
        "max": round(max(late) * 1000, 2),
    }


def _stop_reason(step: Figures, stop_p99_ms: float) -> str | None:
    """Why no faster step is worth trying: the target failed or fell far behind at this one."""
    rate = f"at {step['offered_per_second']:g} msgs/s"
    if "error" in step:
        return f"the step failed {rate}: {step['error']}"
    if step["failed"]:
        return f"{step['failed']} sends failed {rate}"
    if step["deliveries_lost"]:
        return f"{step['deliveries_lost']} deliveries lost {rate}"
    if step["latency"]["p99_ms"] > stop_p99_ms:
        return f"p99 {step['latency']['p99_ms']:.0f} ms over {stop_p99_ms:g} ms {rate}"
    return None


def sustainable(steps: Sequence[Figures], p99_ms: float) -> float | None:
    """The highest offered rate whose step kept p99 at or below `p99_ms` and lost nothing (no
    delivery missing, no send failed); None when no step did."""
    kept = [
        step["offered_per_second"]
        for step in steps
        if "error" not in step
        and not step["failed"]
        and not step["deliveries_lost"]
        and step["latency"]["p99_ms"] <= p99_ms
    ]
    return max(kept, default=None)
