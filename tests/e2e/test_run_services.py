"""`make run-services` brings the whole distributed stack up on this machine and serves the API
through the gateway, WebSocket included; Ctrl-C takes it all down."""

import os
import signal
import socket
import sys
from functools import partial
from pathlib import Path

import httpx
import pytest

from devstack.local import LocalServer, answers_healthz, free_port
from tests.api import ChatApi
from tests.messaging.http.chat import direct_conversation
from tests.realtime.live import opened

ROOT = Path(__file__).parents[2]

pytestmark = pytest.mark.e2e


async def test_run_services_serves_the_api_through_the_gateway_until_interrupted(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    launcher = LocalServer(
        name="run-services",
        url=url,
        port=port,
        # What `make run-services` runs, from the repository root.
        argv=[sys.executable, "-m", "devstack"],
        workdir=tmp_path,
        probe=partial(answers_healthz, url),
        env={**os.environ, "GATEWAY_PORT": str(port), "PYTHONPATH": str(ROOT)},
        stop_signal=signal.SIGINT,
        startup_timeout_seconds=180.0,
    )
    await launcher.start()
    try:
        transport = httpx.AsyncHTTPTransport()
        api = ChatApi(transport, base_url=url)
        try:
            alice, bob = await api.sign_up("alice"), await api.sign_up("bob")
            async with opened(f"ws://127.0.0.1:{port}/ws", alice) as socket_:
                conversation_id = await direct_conversation(alice, bob)
                assert (await socket_.receive_data("conversation.created"))["id"] == conversation_id
        finally:
            await api.close()
            await transport.aclose()
    finally:
        await launcher.stop()

    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    assert "Traceback" not in launcher.log_path.read_text()
