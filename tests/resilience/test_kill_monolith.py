"""The monolith killed (-9) in the middle of a stream of sends, then restarted on the same data.

Its consumer groups keep their positions in memory and store them twice a second, so the kill
throws away some of their progress as well as whatever it interrupts (a transaction, an answer on
its way, a batch half applied): after the restart each group reads again from its stored position,
and the inboxes and idempotent writes absorb what it applies twice. The senders' retries with the
same `client_message_id` and the followers' `resume` then leave every answered message in the
history (the read models) exactly once, delivered to every member exactly once, in order.
"""

from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path

import httpx
import pytest

from devstack.local import LocalServer
from tests.api import ChatApi
from tests.eventually import eventually
from tests.messaging.http.chat import create_group, page
from tests.resilience import deployment
from tests.resilience.traffic import Traffic

ANSWERED_BEFORE_THE_KILL = 20
ANSWERED_AFTER_THE_RESTART = 20


@pytest.fixture
async def monolith(tmp_path: Path) -> AsyncIterator[LocalServer]:
    async with deployment.monolith(tmp_path) as server:
        yield server


async def test_every_answered_message_survives_a_killed_monolith_exactly_once(monolith: LocalServer) -> None:
    transport = httpx.AsyncHTTPTransport()
    api = ChatApi(transport, base_url=monolith.url)
    try:
        members = [await api.sign_up() for _ in range(3)]
        conversation_id = await create_group(*members)
        await eventually(partial(page, members[0], conversation_id))  # messaging has heard of the group
        ws_url = monolith.url.replace("http://", "ws://") + "/ws"
        async with Traffic(ws_url, members, conversation_id) as traffic:
            await traffic.answered_more(ANSWERED_BEFORE_THE_KILL)
            await monolith.kill()
            await monolith.start()
            await traffic.answered_more(ANSWERED_AFTER_THE_RESTART)
            await traffic.delivered()
            assert traffic.resent, "the kill interrupted no send"
            assert traffic.reconnections, "no socket had to resume"
    finally:
        await api.close()
        await transport.aclose()
