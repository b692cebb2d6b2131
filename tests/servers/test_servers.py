"""The server fixtures hand out servers that answer, and local ones survive a stop and a crash."""

import asyncpg
import httpx
import pytest
from aiokafka.admin import AIOKafkaAdminClient
from pymongo import AsyncMongoClient
from redis.asyncio import Redis
from sqlalchemy.engine import URL, make_url

from devstack.databases import fresh_database
from devstack.local import LocalServer


async def test_postgres_url_is_an_empty_database(postgres_url: str) -> None:
    url = make_url(postgres_url)
    assert url.drivername == "postgresql+asyncpg"
    assert await _count(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 0


async def test_a_fresh_database_is_dropped_on_exit_even_while_in_use(postgres_server_url: str) -> None:
    async with fresh_database(postgres_server_url) as url:
        database = make_url(url).database
        in_use = await asyncpg.connect(_asyncpg_dsn(url))
    in_use.terminate()
    server = make_url(postgres_server_url).set(database="postgres")
    assert await _count(server, f"SELECT count(*) FROM pg_database WHERE datname = '{database}'") == 0


async def test_redis_answers(redis_url: str) -> None:
    client = Redis.from_url(redis_url)
    try:
        assert await client.ping()
    finally:
        await client.aclose()


async def test_kafka_answers(kafka_bootstrap: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    await admin.start()
    try:
        assert isinstance(await admin.list_topics(), list)
    finally:
        await admin.close()


async def test_mongodb_answers(mongodb_url: str) -> None:
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(mongodb_url)
    try:
        assert (await client.admin.command("ping"))["ok"] == 1
    finally:
        await client.close()


async def test_s3_answers(s3_endpoint_url: str) -> None:
    async with httpx.AsyncClient() as client:
        answer = await client.get(s3_endpoint_url)
    assert answer.status_code == 200
    assert b"ListAllMyBucketsResult" in answer.content


async def test_a_local_redis_comes_back_on_its_port_after_a_stop_and_a_crash(
    redis_server: LocalServer | None, redis_url: str
) -> None:
    if redis_server is None:
        pytest.skip("Redis is not a local process of this session")
    await redis_server.stop()
    assert not redis_server.running
    await redis_server.start()
    await test_redis_answers(redis_url)

    await redis_server.kill()
    assert not redis_server.running
    await redis_server.restart()
    await test_redis_answers(redis_url)


async def _count(url: URL, query: str) -> int:
    connection = await asyncpg.connect(_asyncpg_dsn(url))
    try:
        count: int = await connection.fetchval(query)
        return count
    finally:
        await connection.close()


def _asyncpg_dsn(url: URL | str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
