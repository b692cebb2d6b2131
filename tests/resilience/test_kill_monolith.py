"""The monolith killed (-9) in the middle of a stream of sends, then restarted on the same data.

Its consumer groups keep their positions in memory and store them twice a second, so the kill
throws away some of their progress as well as whatever it interrupts (a transaction, an answer on
its way, a batch half applied): after the restart each group reads again from its stored position,
and the inboxes and idempotent writes absorb what it applies twice. The senders' retries with the
same `client_message_id` and the followers' `resume` then leave every answered message in the
history (the read models) exactly once, delivered to every member exactly once, in order.
"""

import os
import sys
from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path

import httpx
import pytest
from argon2.profiles import CHEAPEST

from devstack.local import LocalServer, answers_healthz, free_port
from tests.api import ChatApi
from tests.eventually import eventually
from tests.messaging.http.chat import create_group, page
from tests.monolith import generous_limits_env
from tests.resilience.traffic import Traffic

ANSWERED_BEFORE_THE_KILL = 20
ANSWERED_AFTER_THE_RESTART = 20


@pytest.fixture
async def monolith(tmp_path: Path) -> AsyncIterator[LocalServer]:
    """`chat serve` as its own process, as `make run` starts it, on embedded defaults."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = LocalServer(
        name="monolith",
        url=url,
        port=port,
        argv=[str(Path(sys.executable).with_name("chat")), "serve"],
        workdir=tmp_path,
        probe=partial(answers_healthz, url),
        env={
            **os.environ,
            "PORT": str(port),
            "DATA_DIR": str(tmp_path / "data"),
            "PASSWORD_HASH_TIME_COST": str(CHEAPEST.time_cost),
            "PASSWORD_HASH_MEMORY_KIB": str(CHEAPEST.memory_cost),
            "PASSWORD_HASH_PARALLELISM": str(CHEAPEST.parallelism),
            **generous_limits_env(),
        },
    )
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


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
