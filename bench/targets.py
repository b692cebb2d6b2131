"""What a run measures, started as processes of their own: the baseline, the monolith, the services.

Each target gives the scenarios a `Chat` for the REST side, the WebSocket URL, the id of the
process that holds the sockets and the `/metrics` of every process that consumes events. In the
services topology REST goes through the gateway while sockets go straight to the one realtime
process, whose memory the capacity scenario reads (the development gateway allows about a thousand
connections, fewer than the scenarios open); metrics are read from each service, not the gateway.
"""

import os
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

import aiohttp
import httpx
import psutil
from argon2.profiles import CHEAPEST

from bench.chat import BaselineApi, Chat, ChatApi
from devstack import recipes
from devstack.local import LocalServer, chat_command, free_port, http_server
from devstack.services import BackingServers, run_services

TARGETS = ("baseline", "monolith", "services")

_HOST = "127.0.0.1"
_HTTP_CONNECTIONS = 200
_KEEPALIVE_SECONDS = 2.0
"""Below uvicorn's 5 s: a connection the server is closing as idle must not be reused (a read error)."""
_SEND_TIMEOUT_SECONDS = 30.0
"""A send not answered by then failed: a saturation step must end even when the server hangs."""

REALTIME_HEADROOM = {
    # A thousand members coming online announce themselves to each other: up to 999 presence frames
    # wait for each socket while the load generator, one process, reads a thousand of them.
    "REALTIME_SEND_QUEUE_FRAMES": "10000",
    # The capacity scenario holds 10,000 sockets of a hundred users.
    "REALTIME_MAX_SOCKETS_PER_USER": "1000",
}
LARGE_UPLOADS = {
    # The upload scenario sends a file far larger than the default limit, to read what it costs the
    # server's memory, and as many files as it can.
    "UPLOAD_MAX_BYTES": str(1024 * 1024 * 1024),
    "UPLOADS_PER_SECOND": "1000000",
    "UPLOADS_BURST": "1000000",
}
UNLIMITED_WRITES = {
    # The closed loop and the saturation steps send as fast as the server takes messages from a few
    # senders, one owner adds a thousand members, scenario after scenario puts the same users into
    # groups of its own, and the indexing lag is searched for every 10 ms: per-user limits would
    # measure themselves instead.
    "MESSAGE_SENDS_PER_SECOND": "1000000",
    "MESSAGE_SENDS_BURST": "1000000",
    "GROUP_CHANGES_PER_SECOND": "1000000",
    "GROUP_CHANGES_BURST": "1000000",
    "GROUP_ADDITIONS_PER_USER_PER_HOUR": "1000000",
    "GROUP_ADDITIONS_PER_USER_BURST": "1000000",
    "SEARCHES_PER_SECOND": "1000000",
    "SEARCHES_BURST": "1000000",
}
CHEAP_PASSWORD_HASHES = {
    # Signing up a thousand users must take seconds, not minutes.
    "PASSWORD_HASH_TIME_COST": str(CHEAPEST.time_cost),
    "PASSWORD_HASH_MEMORY_KIB": str(CHEAPEST.memory_cost),
    "PASSWORD_HASH_PARALLELISM": str(CHEAPEST.parallelism),
    # ...and from one address, several at once.
    "SIGN_UP_CLIENT_MAX": "1000000",
    "PASSWORD_HASH_QUEUE": "1000",
}


@dataclass(frozen=True)
class Target:
    name: str
    chat: Chat
    http_url: str
    """Where REST goes: the server, or the gateway in front of the services."""
    ws_url: str
    socket_server_pid: int
    """The process holding the WebSockets."""
    metrics_urls: tuple[str, ...]
    """The Prometheus `/metrics` of every process that consumes events: the monolith's, or each
    service's; none for the baseline, which has no events."""
    upload_url: str
    """The process that takes uploads, straight (messaging's, in the services topology)."""
    upload_server_pid: int


def pid_listening_on(port: int) -> int:
    """The server's own process, not a launcher in front of it."""
    for connection in psutil.net_connections("tcp"):
        address = connection.laddr  # (host, port), or () for a socket without one
        if connection.status == psutil.CONN_LISTEN and address and address[1] == port and connection.pid:
            pid: int = connection.pid
            return pid
    raise LookupError(f"no process listens on port {port}")


def _ws_url(server: LocalServer) -> str:
    return f"ws://{_HOST}:{server.port}/ws"


async def _http_client(stack: AsyncExitStack, base_url: str) -> httpx.AsyncClient:
    limits = httpx.Limits(
        max_connections=_HTTP_CONNECTIONS,
        max_keepalive_connections=_HTTP_CONNECTIONS,
        keepalive_expiry=_KEEPALIVE_SECONDS,
    )
    return await stack.enter_async_context(httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60))


async def _send_session(stack: AsyncExitStack, base_url: str) -> aiohttp.ClientSession:
    """Sends go through aiohttp: it costs the generator a fraction of httpx's CPU per request
    (`python -m bench.generator_cost`), which counts when the generator sends hundreds a second."""
    connector = aiohttp.TCPConnector(limit=_HTTP_CONNECTIONS, keepalive_timeout=_KEEPALIVE_SECONDS)
    return await stack.enter_async_context(
        aiohttp.ClientSession(
            base_url,
            connector=connector,
            timeout=aiohttp.ClientTimeout(total=_SEND_TIMEOUT_SECONDS),
        )
    )


def _metrics_url(server: LocalServer) -> str:
    return f"{server.url}/metrics"


async def _started(stack: AsyncExitStack, server: LocalServer) -> LocalServer:
    await server.start()
    stack.push_async_callback(server.stop)
    return server


@asynccontextmanager
async def running(name: str, workdir: Path, env: Mapping[str, str]) -> AsyncIterator[Target]:
    """`env` is the base environment of the target's processes: the settings a run tunes."""
    async with AsyncExitStack() as stack:
        if name == "baseline":
            server = await _started(
                stack,
                http_server(name, [sys.executable, "-m", "bench.baseline"], workdir, env),
            )
            chat: Chat = BaselineApi(await _send_session(stack, server.url))
            pid = pid_listening_on(server.port)
            yield Target(name, chat, server.url, _ws_url(server), pid, (), server.url, pid)
        elif name == "monolith":
            server = await _started(
                stack,
                http_server(
                    name,
                    chat_command("serve"),
                    workdir,
                    {
                        **env,
                        **CHEAP_PASSWORD_HASHES,
                        **REALTIME_HEADROOM,
                        **UNLIMITED_WRITES,
                        **LARGE_UPLOADS,
                        "DATA_DIR": str(workdir),
                    },
                ),
            )
            chat = ChatApi(await _http_client(stack, server.url), await _send_session(stack, server.url))
            pid = pid_listening_on(server.port)
            yield Target(
                name, chat, server.url, _ws_url(server), pid, (_metrics_url(server),), server.url, pid
            )
        else:
            postgres, redis, kafka, mongodb = [
                await stack.enter_async_context(recipes.running(server_name, recipe))
                for server_name, recipe in (
                    ("postgres", recipes.postgres),
                    ("redis", recipes.redis),
                    ("kafka", recipes.kafka),
                    ("mongodb", recipes.mongodb),
                )
            ]
            services_dir = Path(stack.enter_context(TemporaryDirectory(prefix="hexchat-bench-", dir=workdir)))
            topology = await stack.enter_async_context(
                run_services(
                    BackingServers(postgres.url, kafka.url, redis.url, mongodb.url),
                    services_dir,
                    gateway_port=free_port(),
                    instances={},
                    env={
                        **os.environ,
                        **env,
                        **CHEAP_PASSWORD_HASHES,
                        **REALTIME_HEADROOM,
                        **UNLIMITED_WRITES,
                        **LARGE_UPLOADS,
                    },
                )
            )
            realtime, messaging = topology.processes["realtime"], topology.processes["messaging"]
            gateway = topology.gateway
            chat = ChatApi(await _http_client(stack, gateway.url), await _send_session(stack, gateway.url))
            yield Target(
                name,
                chat,
                gateway.url,
                _ws_url(realtime),
                pid_listening_on(realtime.port),
                tuple(
                    _metrics_url(process) for process in topology.processes.values() if process is not gateway
                ),
                messaging.url,
                pid_listening_on(messaging.port),
            )
