"""The contexts as separate service processes behind the gateway, for end-to-end tests.

`services` runs the microservices topology as `make run-services` does (`devstack.services`),
on the session's servers and on Kafka topics no other test uses, with timeouts short enough for
tests. Tests reach it through one `ChatApi` talking HTTP to the gateway, open WebSockets at
`ws_url`, and can stop, kill or restart any process. `serve_services` runs the same for a fixture of
wider scope, such as the module-scoped `deployment` of the end-to-end scenarios.
"""

import os
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

import httpx
import pytest
from pymongo import AsyncMongoClient

from devstack.local import LocalServer, free_port
from devstack.recipes import ServerNotInstalledError
from devstack.services import BackingServers, run_services
from tests.api import ChatApi
from tests.monolith import generous_limits_env
from tests.servers.fixtures import unavailable


@dataclass(frozen=True)
class Services:
    api: ChatApi
    """Sends every request through the gateway."""
    gateway_url: str
    processes: Mapping[str, LocalServer]
    """Each service instance by name (`realtime-2` is realtime's second), and the `gateway`."""
    kafka_topic_prefix: str

    @property
    def ws_url(self) -> str:
        return self.gateway_url.replace("http://", "ws://") + "/ws"


async def _drop_mongodb_database(url: str, database: str) -> None:
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(url)
    try:
        await client.drop_database(database)
    finally:
        await client.close()


@pytest.fixture(scope="session")
def backing_servers(
    postgres_server_url: str, kafka_bootstrap: str, redis_url: str, mongodb_url: str
) -> BackingServers:
    return BackingServers(postgres_server_url, kafka_bootstrap, redis_url, mongodb_url)


@asynccontextmanager
async def serve_services(
    servers: BackingServers,
    workdir: Path,
    instances: Mapping[str, int] | None = None,
    settings: Mapping[str, str] | None = None,
) -> AsyncIterator[Services]:
    """Every context (`instances` of each, one by default) behind the gateway, on Kafka topics and a
    MongoDB database of their own; instances of a context share its database. `settings` are
    environment variables every service gets besides the tests' own."""
    topic_prefix = f"test-{uuid4().hex[:12]}."
    read_models = f"test_{topic_prefix.strip('.')}"
    env = {
        **os.environ,
        "KAFKA_TOPIC_PREFIX": topic_prefix,
        "KAFKA_SESSION_TIMEOUT_MS": "2000",
        "RELAY_POLL_INTERVAL_SECONDS": "0.5",
        # The users of a killed realtime instance go offline within seconds.
        "PRESENCE_TTL_SECONDS": "3",
        "MONGODB_DATABASE": read_models,
        **generous_limits_env(),
        **(settings or {}),
    }
    async with AsyncExitStack() as stack:
        stack.push_async_callback(_drop_mongodb_database, servers.mongodb_url, read_models)
        try:
            topology = await stack.enter_async_context(
                run_services(servers, workdir, gateway_port=free_port(), instances=instances or {}, env=env)
            )
        except ServerNotInstalledError as missing:
            unavailable(f"no gateway: install {missing} (the Debian package nginx-light)")
        transport = httpx.AsyncHTTPTransport()
        stack.push_async_callback(transport.aclose)
        api = ChatApi(transport, base_url=topology.gateway.url)
        stack.push_async_callback(api.close)
        yield Services(api, topology.gateway.url, topology.processes, topic_prefix)


@pytest.fixture
async def services(
    request: pytest.FixtureRequest, tmp_path: Path, backing_servers: BackingServers
) -> AsyncIterator[Services]:
    """Parametrise indirectly with `{context: instances}` to run several instances of a context;
    the second is named `<context>-2` in `processes`."""
    async with serve_services(backing_servers, tmp_path, getattr(request, "param", None)) as served:
        yield served
