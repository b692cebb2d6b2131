"""The indexing-lag scenario: how long after a send its words can be found by search.

Search answers from a read model fed by messaging's events (ADR 36), so a message is found a
moment after it is accepted; this is that moment, as a client sees it: from the send's answer
until a search for a word only that message holds finds it.
"""

import asyncio
import time
from uuid import uuid4

import httpx

from bench.chat import Account, ChatApi
from bench.scenarios import Figures, latency_figures

_POLL_SECONDS = 0.01
_WITHIN_SECONDS = 15.0
"""How long a message may take to be found; later, it counts as lost."""


async def indexing_lag(
    chat: ChatApi, http_url: str, sender: Account, other: Account, messages: int
) -> Figures:
    conversation = await chat.conversation([sender, other])
    auth = {"Authorization": f"Bearer {sender.token}"}
    lags: list[float] = []
    lost = 0
    async with httpx.AsyncClient(base_url=http_url, headers=auth, timeout=30) as client:
        for _ in range(messages):
            word = f"needle{uuid4().hex[:12]}"
            sent = await client.post(
                f"/api/v1/conversations/{conversation.id}/messages",
                json={"client_message_id": str(uuid4()), "body": f"a message holding {word}"},
            )
            sent.raise_for_status()
            accepted = time.perf_counter()
            while time.perf_counter() - accepted < _WITHIN_SECONDS:
                found = await client.get("/api/v1/search/messages", params={"q": word})
                if found.status_code == 200 and found.json()["items"]:
                    lags.append(time.perf_counter() - accepted)
                    break
                await asyncio.sleep(_POLL_SECONDS)
            else:
                lost += 1
    return {"messages": messages, "lost": lost, "lag": latency_figures(lags)}
