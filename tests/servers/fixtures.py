"""Session fixtures that hand tests real servers: PostgreSQL, Redis, Kafka and MongoDB protocols, and
S3's.

Each server comes from the first source that has one:
1. a URL in the environment (`TEST_POSTGRES_URL`, `TEST_REDIS_URL`, `TEST_KAFKA_BOOTSTRAP`,
   `TEST_MONGODB_URL`, `TEST_S3_URL`): the server is someone else's, tests only connect to it;
2. a testcontainers container, when a Docker engine answers;
3. a local process started from binaries on this machine (see `devstack.recipes`).

A server starts on first use and lives for the session. When none can be had the test is
skipped, except under `CI`, where a silently skipped adapter test would hide a broken build.

`redis_server` and `kafka_server` expose the local process, so resilience tests can stop,
kill, pause and restart it; they are None for an environment URL or a container, which
tests can't control (such tests skip themselves then).
"""

import asyncio
import os
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import NoReturn

import pytest
from sqlalchemy.engine import make_url

from devstack import recipes
from devstack.databases import fresh_database
from devstack.local import LocalServer
from tests.servers import containers


@dataclass(frozen=True)
class ServerKind:
    name: str
    env_var: str
    container: Callable[[], containers.StartedContainer]
    local: recipes.Recipe


@dataclass(frozen=True)
class ProvidedServer:
    url: str
    local: LocalServer | None


POSTGRES = ServerKind("postgres", "TEST_POSTGRES_URL", containers.postgres, recipes.postgres)
REDIS = ServerKind("redis", "TEST_REDIS_URL", containers.redis, recipes.redis)
KAFKA = ServerKind("kafka", "TEST_KAFKA_BOOTSTRAP", containers.kafka, recipes.kafka)
MONGODB = ServerKind("mongodb", "TEST_MONGODB_URL", containers.mongodb, recipes.mongodb)
S3 = ServerKind("s3", "TEST_S3_URL", containers.s3, recipes.s3)


@asynccontextmanager
async def provide(kind: ServerKind) -> AsyncIterator[ProvidedServer]:
    if url := os.environ.get(kind.env_var):
        yield ProvidedServer(url, None)
    elif containers.engine_answers():
        container = await asyncio.to_thread(kind.container)
        try:
            yield ProvidedServer(container.url, None)
        finally:
            await asyncio.to_thread(container.stop)
    else:
        async with AsyncExitStack() as stack:
            try:
                server = await stack.enter_async_context(recipes.running(kind.name, kind.local))
            except recipes.ServerNotInstalledError as missing:
                unavailable(
                    f"no {kind.name} server: set {kind.env_var}, start a Docker engine or install {missing}"
                )
            yield ProvidedServer(server.url, server)


def unavailable(reason: str) -> NoReturn:
    """Skips the test, or fails it under `CI`."""
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
async def _postgres() -> AsyncIterator[ProvidedServer]:
    async with provide(POSTGRES) as server:
        yield server


@pytest.fixture(scope="session")
async def _redis() -> AsyncIterator[ProvidedServer]:
    async with provide(REDIS) as server:
        yield server


@pytest.fixture(scope="session")
async def _kafka() -> AsyncIterator[ProvidedServer]:
    async with provide(KAFKA) as server:
        yield server


@pytest.fixture(scope="session")
async def _mongodb() -> AsyncIterator[ProvidedServer]:
    async with provide(MONGODB) as server:
        yield server


@pytest.fixture(scope="session")
async def _s3() -> AsyncIterator[ProvidedServer]:
    async with provide(S3) as server:
        yield server


@pytest.fixture(scope="session")
def postgres_server_url(_postgres: ProvidedServer) -> str:
    """`postgresql://user[:password]@host:port`, no database: tests make their own."""
    url = make_url(_postgres.url).set(drivername="postgresql", database=None)
    return url.render_as_string(hide_password=False)


@pytest.fixture
async def postgres_url(postgres_server_url: str) -> AsyncIterator[str]:
    async with fresh_database(postgres_server_url) as url:
        yield url


@pytest.fixture(scope="session")
def redis_url(_redis: ProvidedServer) -> str:
    return _redis.url


@pytest.fixture(params=["memory", "redis"])
def redis_url_or_none(request: pytest.FixtureRequest) -> str | None:
    """For a port with a Redis adapter and an in-memory twin: the Redis server, or None for the twin."""
    if request.param == "memory":
        return None
    url: str = request.getfixturevalue("redis_url")
    return url


@pytest.fixture(scope="session")
def redis_server(_redis: ProvidedServer) -> LocalServer | None:
    return _redis.local


@pytest.fixture(scope="session")
def kafka_bootstrap(_kafka: ProvidedServer) -> str:
    """`host:port` of a Kafka-protocol broker."""
    return _kafka.url


@pytest.fixture(scope="session")
def kafka_server(_kafka: ProvidedServer) -> LocalServer | None:
    return _kafka.local


@pytest.fixture(scope="session")
def mongodb_url(_mongodb: ProvidedServer) -> str:
    return _mongodb.url


@pytest.fixture(scope="session")
def s3_endpoint_url(_s3: ProvidedServer) -> str:
    """`http://host:port` of an S3 endpoint that takes any credentials, as Moto's does."""
    return _s3.url
