"""The contexts as separate service processes, each with its own database, talking over Kafka.

`services` starts `chat serve --context NAME` for every context as its own OS process, the way
the microservices topology runs them: a PostgreSQL database each, the Kafka-protocol broker
as the bus (on topics no other test uses), Redis, MongoDB for messaging's read models, and
access tokens verified against identity's published keys. Tests reach them through one
`ChatApi` whose transport sends each path to the service that owns it, and can stop, kill or
restart any process.
"""

import os
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from uuid import uuid4

import httpx
import pytest
from pymongo import AsyncMongoClient

from runtime.contexts import CONTEXTS
from tests.api import ChatApi
from tests.servers.fixtures import fresh_database
from tests.servers.local import LocalServer, free_port

ROUTES: Mapping[str, str] = {
    "/api/v1/users": "identity",
    "/api/v1/sessions": "identity",
    "/.well-known/jwks.json": "identity",
    "/api/v1/groups": "groups",
    "/api/v1/conversations": "messaging",
    "/api/v1/notifications": "notifications",
    "/api/v1/presence": "realtime",
    "/ws": "realtime",
}
"""Which service serves which paths: what the gateway does in a deployment."""


class PathRoutingTransport(httpx.AsyncBaseTransport):
    def __init__(self, services: Mapping[str, str]) -> None:
        self._services = services
        self._http = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        context = next(name for prefix, name in ROUTES.items() if path.startswith(prefix))
        target = httpx.URL(self._services[context])
        request.url = request.url.copy_with(scheme=target.scheme, host=target.host, port=target.port)
        return await self._http.handle_async_request(request)

    async def aclose(self) -> None:
        await self._http.aclose()


@dataclass(frozen=True)
class Services:
    api: ChatApi
    processes: Mapping[str, LocalServer]
    kafka_topic_prefix: str


def _chat_command() -> str:
    return str(Path(sys.executable).with_name("chat"))


async def _healthy(url: str) -> None:
    async with httpx.AsyncClient() as client:
        (await client.get(f"{url}/healthz")).raise_for_status()


async def _drop_mongodb_database(url: str, database: str) -> None:
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(url)
    try:
        await client.drop_database(database)
    finally:
        await client.close()


@pytest.fixture
async def services(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    postgres_server_url: str,
    kafka_bootstrap: str,
    redis_url: str,
    mongodb_url: str,
) -> AsyncIterator[Services]:
    """Parametrise indirectly with `{context: instances}` to run several instances of a context;
    they share its database, and the second is named `<context>-2` in `processes`."""
    instances: Mapping[str, int] = getattr(request, "param", {})
    topic_prefix = f"test-{uuid4().hex[:12]}."
    read_models = f"test_{topic_prefix.strip('.')}"
    async with AsyncExitStack() as stack:
        stack.push_async_callback(_drop_mongodb_database, mongodb_url, read_models)
        processes: dict[str, LocalServer] = {}
        urls: dict[str, str] = {}
        for name in CONTEXTS:
            database_url = await stack.enter_async_context(fresh_database(postgres_server_url))
            for instance in range(1, instances.get(name, 1) + 1):
                process_name = name if instance == 1 else f"{name}-{instance}"
                port = free_port()
                urls.setdefault(name, f"http://127.0.0.1:{port}")
                workdir = tmp_path / process_name
                workdir.mkdir()
                env = {
                    **os.environ,
                    "HOST": "127.0.0.1",
                    "PORT": str(port),
                    "DATA_DIR": str(workdir),
                    f"{name.upper()}_DATABASE_URL": database_url,
                    "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
                    "KAFKA_TOPIC_PREFIX": topic_prefix,
                    "KAFKA_SESSION_TIMEOUT_MS": "2000",
                    "REDIS_URL": redis_url,
                    "JWKS_URL": "" if name == "identity" else f"{urls['identity']}/.well-known/jwks.json",
                    "RELAY_POLL_INTERVAL_SECONDS": "0.5",
                    # The users of a killed realtime instance go offline within seconds.
                    "PRESENCE_TTL_SECONDS": "3",
                    # Messaging keeps its read models in MongoDB, as in a deployment.
                    "MONGODB_URL": mongodb_url if name == "messaging" else "",
                    "MONGODB_DATABASE": read_models,
                }
                url = f"http://127.0.0.1:{port}"
                processes[process_name] = LocalServer(
                    name=process_name,
                    url=url,
                    port=port,
                    argv=[_chat_command(), "serve", "--context", name],
                    workdir=workdir,
                    probe=partial(_healthy, url),
                    env=env,
                )
        for process in processes.values():
            await process.start()
            stack.push_async_callback(process.stop)
        transport = PathRoutingTransport(urls)
        stack.push_async_callback(transport.aclose)
        api = ChatApi(transport)
        stack.push_async_callback(api.close)
        yield Services(api, processes, topic_prefix)
