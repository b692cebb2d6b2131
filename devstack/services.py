"""The contexts as separate service processes behind the gateway, the microservices topology.

Each context runs `chat serve --context NAME` with a PostgreSQL database of its own, the Kafka-
protocol broker as the bus, Redis, MongoDB for messaging's read models, and access tokens
verified against identity's published keys; nginx routes the public API to them on one port and
serves the web client beside it.
"""

from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from devstack import gateway
from devstack.databases import fresh_database
from devstack.local import LocalServer, chat_command, http_server
from runtime.contexts import CONTEXTS

_HOST = "127.0.0.1"
# `make web` builds it; the gateway serves it as the gateway image serves its copy.
_WEB_CLIENT = Path(__file__).parents[1] / "web" / "out"


@dataclass(frozen=True)
class BackingServers:
    postgres_server_url: str
    """`postgresql://user[:password]@host:port`: each context gets a database of its own there."""
    kafka_bootstrap: str
    redis_url: str
    mongodb_url: str
    postgres_servers_of: Mapping[str, str] = field(default_factory=dict)
    """Another PostgreSQL server for some contexts, by context name: what a test stops to take
    only their databases away."""
    kafka_fetch_max_wait_ms: int = 20
    """How long the broker may hold a consumer's fetch (KAFKA_FETCH_MAX_WAIT_MS). The local broker
    (Tansu in memory) answers a fetch only when the wait is over, so every hop through it costs up to
    this much; Kafka answers at once, and a short wait costs it only more frequent fetches."""


@dataclass(frozen=True)
class Topology:
    gateway: LocalServer
    processes: Mapping[str, LocalServer]
    """Every service instance by name (`realtime`, `realtime-2`, ...), and the gateway."""


@asynccontextmanager
async def run_services(
    servers: BackingServers,
    workdir: Path,
    *,
    gateway_port: int,
    instances: Mapping[str, int],
    env: Mapping[str, str],
) -> AsyncIterator[Topology]:
    """Starts every context (`instances` of each, one by default) and the gateway; stops them on exit.

    `env` is the base environment of every service (the settings a caller tunes: topic prefix,
    timeouts); each instance's own port, database and servers are set over it. Instances of a
    context share its database.
    """
    async with AsyncExitStack() as stack:
        processes: dict[str, LocalServer] = {}
        addresses: dict[str, list[str]] = {}
        for name in CONTEXTS:
            server_url = servers.postgres_servers_of.get(name, servers.postgres_server_url)
            database_url = await stack.enter_async_context(fresh_database(server_url))
            for instance in range(1, instances.get(name, 1) + 1):
                process_name = name if instance == 1 else f"{name}-{instance}"
                process_dir = workdir / process_name
                process_dir.mkdir()
                process = processes[process_name] = http_server(
                    process_name,
                    chat_command("serve", "--context", name),
                    process_dir,
                    {
                        "KAFKA_FETCH_MAX_WAIT_MS": str(servers.kafka_fetch_max_wait_ms),
                        **env,
                        "DATA_DIR": str(process_dir),
                        f"{name.upper()}_DATABASE_URL": database_url,
                        "KAFKA_BOOTSTRAP_SERVERS": servers.kafka_bootstrap,
                        "REDIS_URL": servers.redis_url,
                        "JWKS_URL": ""
                        if name == "identity"
                        else f"http://{addresses['identity'][0]}/.well-known/jwks.json",
                        # Messaging keeps its read models in MongoDB, as in a deployment.
                        "MONGODB_URL": servers.mongodb_url if name == "messaging" else "",
                    },
                )
                addresses.setdefault(name, []).append(f"{_HOST}:{process.port}")
        gateway_dir = workdir / "gateway"
        gateway_dir.mkdir()
        processes["gateway"] = gateway.gateway(gateway_dir, gateway_port, addresses, _WEB_CLIENT)
        for process in processes.values():
            await process.start()
            stack.push_async_callback(process.stop)
        yield Topology(processes["gateway"], processes)
