"""The three scenarios, each against one target: delivery, fan-out and capacity.

Every one takes what it measures from outside the server, as a client sees it: latency from the
moment the POST starts to the frame at each recipient's socket, memory from /proc.
"""

import asyncio
import statistics
import time
from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

import psutil
from websockets.asyncio.client import ClientConnection
from websockets.protocol import State

from bench.chat import Account, Chat, Conversation
from bench.sockets import Inbox, connected

_WARM_UP_ATTEMPTS = 20
_WARM_UP_WITHIN_SECONDS = 3.0
_DRAIN_SECONDS = 15.0
"""How long messages sent may still arrive after the last send; later ones count as lost."""
_SETTLE_SECONDS = 2.0
"""Before reading a process's memory: the sockets just opened finish their handshakes and tasks."""

Figures = dict[str, Any]


@dataclass(frozen=True)
class DeliveryLoad:
    senders: int
    rate: float
    """Messages per second from each sender."""
    seconds: float


def quantiles_ms(seconds: Sequence[float]) -> list[float]:
    """The 0th to 100th percentile in milliseconds: a CDF to plot, small enough to keep in every run."""
    if not seconds:
        return []
    cuts = (
        statistics.quantiles(seconds, n=100, method="inclusive") if len(seconds) > 1 else list(seconds) * 99
    )
    return [round(value * 1000, 3) for value in [min(seconds), *cuts, max(seconds)]]


def latency_figures(seconds: Sequence[float]) -> Figures:
    percentiles = quantiles_ms(seconds) or [float("nan")] * 101
    return {
        "samples": len(seconds),
        "p50_ms": percentiles[50],
        "p95_ms": percentiles[95],
        "p99_ms": percentiles[99],
        "max_ms": percentiles[100],
        "percentiles_ms": percentiles,
    }


async def ready(chat: Chat, inbox: Inbox, conversation: Conversation) -> None:
    """Once a message reaches every member, the conversation's membership has reached every context
    that routes it; until then messaging may answer 404 or realtime miss a member."""
    sender, *recipients = conversation.members
    for _ in range(_WARM_UP_ATTEMPTS):
        client_message_id = f"warm-up-{uuid4()}"
        if await chat.send(sender, conversation, client_message_id) < 300 and await inbox.delivered(
            client_message_id, {member.user_id for member in recipients}, _WARM_UP_WITHIN_SECONDS
        ):
            return
        await asyncio.sleep(_WARM_UP_WITHIN_SECONDS / 3)
    raise RuntimeError(
        f"conversation {conversation.id} never delivered to all of its {len(recipients)} members"
    )


async def delivery(
    chat: Chat,
    ws_url: str,
    users: Sequence[Account],
    size: int,
    load: DeliveryLoad,
    *,
    threaded: bool = False,
) -> Figures:
    """`load.senders` senders post at `load.rate` each into conversations of `size` members made of
    `users`, every user online; open loop: a send starts on schedule whether or not earlier ones
    were answered, so a slow server shows as latency rather than as fewer messages sent.

    `threaded`: every send replies to one root per conversation, so each also changes its root's
    summary and publishes it (the threads scenario)."""
    conversations = [
        await chat.conversation(users[start : start + size])
        for start in range(0, len(users) - size + 1, size)
    ]
    sends = round(load.rate * load.seconds)
    async with AsyncExitStack() as stack:
        inbox = Inbox(ws_url)
        await inbox.listen(stack, users[: len(conversations) * size])
        await asyncio.gather(*(ready(chat, inbox, conversation) for conversation in conversations))
        roots = {c.id: await chat.thread(c) if threaded else None for c in conversations}
        sent: dict[str, tuple[float, set[str]]] = {}
        answers: list[tuple[int, float]] = []

        async def send(sender: Account, conversation: Conversation, at: float) -> None:
            await asyncio.sleep(max(0.0, at - time.perf_counter()))
            client_message_id = str(uuid4())
            started = time.perf_counter()
            sent[client_message_id] = (
                started,
                {member.user_id for member in conversation.members if member != sender},
            )
            status = await chat.send(sender, conversation, client_message_id, roots[conversation.id])
            answers.append((status, time.perf_counter()))

        start = time.perf_counter() + 0.1
        schedule = []
        for number in range(load.senders):
            conversation = conversations[number % len(conversations)]
            sender = conversation.members[number // len(conversations) % size]
            offset = number / (load.senders * load.rate)  # senders spread evenly over each interval
            schedule += [send(sender, conversation, start + offset + k / load.rate) for k in range(sends)]
        await asyncio.gather(*schedule)
        deadline = time.perf_counter() + _DRAIN_SECONDS
        for client_message_id, (_, recipients) in sent.items():
            await inbox.delivered(client_message_id, recipients, max(0.0, deadline - time.perf_counter()))
    accepted_at = [at - start for status, at in answers if status == 201]
    latencies = [
        arrived - started
        for client_message_id, (started, recipients) in sent.items()
        for user_id, arrived in inbox.arrivals[client_message_id].items()
        if user_id in recipients
    ]
    expected = sum(len(recipients) for _, recipients in sent.values())
    return {
        "conversations": len(conversations),
        "offered_per_second": load.senders * load.rate,
        "sent": len(sent),
        "accepted": len(accepted_at),
        # Over the sending time at least: a server that keeps up accepts exactly what is offered.
        "accepted_per_second": len(accepted_at) / max(load.seconds, *accepted_at) if accepted_at else 0.0,
        "deliveries_expected": expected,
        "deliveries_lost": expected - len(latencies),
        "latency": latency_figures(latencies),
    }


async def fanout(chat: Chat, ws_url: str, members: Sequence[Account], messages: int) -> Figures:
    """One group of all `members`, every one online; `messages` sent one after the other, each timed
    until its last member has it."""
    group = await chat.conversation(members)
    sender, *recipients = members
    recipient_ids = {member.user_id for member in recipients}
    last: list[float] = []
    median: list[float] = []
    lost = 0
    async with AsyncExitStack() as stack:
        inbox = Inbox(ws_url)
        await inbox.listen(stack, members)
        await ready(chat, inbox, group)
        for _ in range(messages):
            client_message_id = str(uuid4())
            started = time.perf_counter()
            await chat.send(sender, group, client_message_id)
            await inbox.delivered(client_message_id, recipient_ids, _DRAIN_SECONDS)
            arrivals = [
                arrived - started
                for user_id, arrived in inbox.arrivals[client_message_id].items()
                if user_id in recipient_ids
            ]
            lost += len(recipient_ids) - len(arrivals)
            if arrivals:
                last.append(max(arrivals))
                median.append(statistics.median(arrivals))
    return {
        "members": len(members),
        "messages": messages,
        "deliveries_lost": lost,
        "last_member_ms": latency_figures(last),
        "median_member_ms": latency_figures(median),
    }


async def capacity(ws_url: str, users: Sequence[Account], pid: int, steps: Sequence[int]) -> Figures:
    """Idle authenticated sockets to one process, `steps` of them in turn (users hold several each),
    and the process's resident memory after each step; memory per connection is the slope over the
    sockets still open."""
    process = psutil.Process(pid)
    await asyncio.sleep(_SETTLE_SECONDS)
    points = [(0, process.memory_info().rss)]
    async with AsyncExitStack() as stack:
        sockets: list[ClientConnection] = []
        for step in steps:
            started, before = time.perf_counter(), len(sockets)
            sockets += await stack.enter_async_context(
                connected(ws_url, [users[number % len(users)] for number in range(before, step)])
            )
            opened_per_second = (step - before) / (time.perf_counter() - started)
            await asyncio.sleep(_SETTLE_SECONDS)
            # Sockets the server has closed since (as failed) hold no memory: count the open ones.
            held = sum(socket.state is State.OPEN for socket in sockets)
            points.append((held, process.memory_info().rss))
            print(
                f"    {held} of {step} sockets open, {points[-1][1] / 2**20:.0f} MiB,"
                f" {opened_per_second:.0f} opened/s",
                flush=True,
            )
    slope = statistics.linear_regression(
        [float(n) for n, _ in points], [float(rss) for _, rss in points]
    ).slope
    return {
        "connections": held,
        "connections_asked": steps[-1],
        "rss_bytes": [{"connections": n, "rss": rss} for n, rss in points],
        "bytes_per_connection": round(slope),
    }
