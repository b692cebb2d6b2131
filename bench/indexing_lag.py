"""The indexing-lag scenario: how long after its send is answered a message is found by search.

A search answers from the search index, a read model that messaging's events reach through a
consumer of their own (ADR 11), so a message is found a moment after its send is answered. The
baseline has no search, so only the chat's targets run it.
"""

import asyncio
import time
from collections.abc import Sequence
from uuid import uuid4

from bench.chat import Account, ChatApi
from bench.scenarios import Figures, latency_figures

_WITHIN_SECONDS = 15.0
"""How long a message may take to be found; later, it counts as lost."""
_POLL_SECONDS = 0.005
"""Between two searches for the same message: the lag is known to this much."""


async def indexing_lag(chat: ChatApi, members: Sequence[Account], rounds: int) -> Figures:
    """`rounds` times, one of two members sends a message holding a word of its own, and the other
    searches for that word until the search finds it, timed from the send's answer."""
    sender, searcher = members[:2]
    conversation = await chat.conversation([sender, searcher])
    lags: list[float] = []
    lost = 0
    for _ in range(rounds):
        word = f"lag{uuid4().hex}"
        status = await chat.send(sender, conversation, word, body=f"indexing {word}")
        if status >= 300:
            lost += 1
            continue
        answered = time.perf_counter()
        while not await chat.search(searcher, word):
            if time.perf_counter() - answered > _WITHIN_SECONDS:
                lost += 1
                break
            await asyncio.sleep(_POLL_SECONDS)
        else:
            lags.append(time.perf_counter() - answered)
    return {"rounds": rounds, "lost": lost, "indexing_lag": latency_figures(lags)}
