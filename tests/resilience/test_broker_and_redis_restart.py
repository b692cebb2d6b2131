"""The broker, then Redis, stopped and started again under a deployment that keeps working.

While one is down, every service that depends on it says so on `/readyz` (503, naming the check)
rather than failing requests at random; once it is back, they are ready again by themselves.
Messages sent meanwhile are answered (the outbox holds their events until the broker returns)
and reach every member exactly once, even when the broker stays away for more tries than the
relay once made before it parked an event (ADR 18); presence, which lives in Redis only, comes
back as each socket renews its lease.

These need servers of their own, which no other test shares: the broker keeps its log in an
S3 endpoint (Moto), so that it restarts with its topics and offsets, as a real one would.
"""

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import httpx
import pytest

from devstack import recipes
from devstack.local import LocalServer
from devstack.services import BackingServers
from tests.api import User
from tests.eventually import eventually
from tests.resilience.deployment import dedicated, group_members, ready, unready
from tests.resilience.traffic import SETTLES_WITHIN_SECONDS, Traffic
from tests.services import Services, serve_services

DURABLE_BROKER_FETCH_MAX_WAIT_MS = 500
"""Kafka's default. Tansu on its S3 engine lists the partition's objects in S3 (Moto) for every fetch
and answers one that waits less than that listing takes with no record at all, so with a short wait
the consumers starve (measured: none of 100 records read in 60 s at 10 ms). Kafka has no such limit."""

RECEIVED_BEFORE_THE_STOP = 5
ANSWERED_WHILE_DOWN = 10
ANSWERED_AFTER_THE_RESTART = 10
NOTICED_WITHIN_SECONDS = 30.0
RELAY_BACKOFF_MAX_SECONDS = 0.1
"""Short, so that the relay tries many times while the broker is away, and few messages pile up."""
FAILED_PUBLISHES_WHILE_AWAY = 30
"""Messaging's relay tries only the first waiting event of each subject, so this many failures
are some thirty tries at one event: it used to park an event after ten."""


@dataclass(frozen=True)
class Deployment:
    services: Services
    broker: LocalServer
    redis: LocalServer


@pytest.fixture
async def deployment(tmp_path: Path, postgres_server_url: str, mongodb_url: str) -> AsyncIterator[Deployment]:
    async with AsyncExitStack() as stack:
        s3 = await dedicated(stack, "s3", recipes.s3)
        broker = await dedicated(stack, "kafka", recipes.durable_kafka(s3.url))
        redis = await dedicated(stack, "redis", recipes.redis)
        servers = BackingServers(
            postgres_server_url,
            broker.url,
            redis.url,
            mongodb_url,
            kafka_fetch_max_wait_ms=DURABLE_BROKER_FETCH_MAX_WAIT_MS,
        )
        services = await stack.enter_async_context(
            serve_services(
                servers, tmp_path, settings={"RELAY_BACKOFF_MAX_SECONDS": str(RELAY_BACKOFF_MAX_SECONDS)}
            )
        )
        yield Deployment(services, broker, redis)


async def test_a_restarted_broker_makes_services_unready_meanwhile_and_loses_nothing(
    deployment: Deployment,
) -> None:
    services = deployment.services
    members = await group_members(services)
    async with Traffic(services.ws_url, members.users, members.conversation_id) as traffic:
        await traffic.received(RECEIVED_BEFORE_THE_STOP)
        await deployment.broker.stop()
        await eventually(partial(unready, services, "event-bus"), NOTICED_WITHIN_SECONDS)
        await traffic.answered_more(ANSWERED_WHILE_DOWN)
        await eventually(
            partial(failed_publishes, services, FAILED_PUBLISHES_WHILE_AWAY), SETTLES_WITHIN_SECONDS
        )
        await deployment.broker.start()
        await eventually(partial(ready, services), SETTLES_WITHIN_SECONDS)
        await traffic.answered_more(ANSWERED_AFTER_THE_RESTART)
        await traffic.delivered()


async def test_a_restarted_redis_makes_services_unready_meanwhile_and_presence_comes_back(
    deployment: Deployment,
) -> None:
    services = deployment.services
    members = await group_members(services)
    async with Traffic(services.ws_url, members.users, members.conversation_id) as traffic:
        await traffic.received(RECEIVED_BEFORE_THE_STOP)
        await eventually(partial(online, members.users))
        await deployment.redis.stop()
        await eventually(partial(unready, services, "redis"), NOTICED_WITHIN_SECONDS)
        await traffic.answered_more(ANSWERED_WHILE_DOWN)
        await deployment.redis.start()  # empty: presence was only ever in Redis
        await eventually(partial(ready, services), SETTLES_WITHIN_SECONDS)
        await eventually(partial(online, members.users), SETTLES_WITHIN_SECONDS)
        await traffic.answered_more(ANSWERED_AFTER_THE_RESTART)
        await traffic.delivered()


async def online(users: list[User]) -> None:
    ids = ",".join(user.id for user in users)
    answer = await users[0].client.get("/api/v1/presence", params={"user_ids": ids})
    assert answer.status_code == 200, answer.text
    assert {item["status"] for item in answer.json()["items"]} == {"online"}, answer.text


async def failed_publishes(services: Services, at_least: int) -> None:
    async with httpx.AsyncClient() as client:
        metrics = (await client.get(f"{services.processes['messaging'].url}/metrics")).text
    failed = next(
        (
            float(line.rsplit(" ", 1)[1])
            for line in metrics.splitlines()
            if line.startswith('outbox_publish_failures_total{context="messaging"}')
        ),
        0.0,  # none yet
    )
    assert failed >= at_least, f"{failed} failed publishes"
