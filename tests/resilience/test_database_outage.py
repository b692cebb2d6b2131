"""PostgreSQL stopped for longer than any retry limit, then started again, while messages keep
being sent: behind realtime and notifications between services, behind the whole monolith.

A consumer group whose database is away holds still (ADR 18): it says so on `/readyz`, sets no
event aside, and once the database is back applies everything it missed, in order; a request
that needs the database meanwhile is answered 503 with `Retry-After`. So every message answered
reaches every socket once, is in realtime's log for a socket that resumes, and every mention of
it is one notification: none lost to the outage, none doubled.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import httpx
import pytest

from devstack import recipes
from devstack.databases import fresh_database
from devstack.local import LocalServer
from devstack.services import BackingServers
from runtime.contexts import CONTEXTS
from tests.api import ChatApi, User
from tests.eventually import eventually
from tests.messaging.http.chat import create_group, page
from tests.resilience.deployment import dedicated, group_members, monolith, ready, unready
from tests.resilience.documented import assert_documented
from tests.resilience.traffic import SETTLES_WITHIN_SECONDS, Traffic
from tests.services import Services, serve_services

ON_THE_STOPPED_SERVER = ("realtime", "notifications")
OUTAGE_SECONDS = 15.0
"""Twice as long as a consumer group used to retry an event (five attempts, 7.5 s) before it
dead-lettered it."""
RECEIVED_BEFORE_THE_STOP = 5
ANSWERED_WHILE_DOWN = 10
ANSWERED_AFTER_THE_RESTART = 10
NOTICED_WITHIN_SECONDS = 30.0


@dataclass(frozen=True)
class Deployment:
    services: Services
    database: LocalServer
    """The PostgreSQL server of the contexts `ON_THE_STOPPED_SERVER`; the others' is not stopped."""


@pytest.fixture
async def deployment(
    tmp_path: Path, postgres_server_url: str, kafka_bootstrap: str, redis_url: str, mongodb_url: str
) -> AsyncIterator[Deployment]:
    async with AsyncExitStack() as stack:
        database = await dedicated(stack, "postgres", recipes.postgres)
        servers = BackingServers(
            postgres_server_url,
            kafka_bootstrap,
            redis_url,
            mongodb_url,
            postgres_servers_of=dict.fromkeys(ON_THE_STOPPED_SERVER, database.url),
        )
        services = await stack.enter_async_context(serve_services(servers, tmp_path))
        yield Deployment(services, database)


async def test_consumers_wait_out_a_database_outage_and_lose_nothing(deployment: Deployment) -> None:
    services = deployment.services
    members = await group_members(services)
    async with Traffic(services.ws_url, members.users, members.conversation_id) as traffic:
        await traffic.received(RECEIVED_BEFORE_THE_STOP)
        await deployment.database.stop()
        await eventually(
            partial(unready, services, "consumer-groups", among=ON_THE_STOPPED_SERVER), NOTICED_WITHIN_SECONDS
        )
        await traffic.answered_more(ANSWERED_WHILE_DOWN)
        await asyncio.sleep(OUTAGE_SECONDS)  # sending on, for longer than any retry limit
        await deployment.database.start()
        await eventually(partial(ready, services), SETTLES_WITHIN_SECONDS)
        await traffic.delivered()
        await notified_once_per_mention(traffic, members.users)


@dataclass(frozen=True)
class Monolith:
    server: LocalServer
    database: LocalServer
    """The PostgreSQL server holding every context's database."""


@pytest.fixture
async def monolith_on_postgres(tmp_path: Path) -> AsyncIterator[Monolith]:
    async with AsyncExitStack() as stack:
        database = await dedicated(stack, "postgres", recipes.postgres)
        env = {}
        for name in CONTEXTS:
            env[f"{name.upper()}_DATABASE_URL"] = await stack.enter_async_context(
                fresh_database(database.url)
            )
        server = await stack.enter_async_context(monolith(tmp_path, env))
        yield Monolith(server, database)


async def test_the_monolith_answers_503_while_its_database_is_away_and_loses_nothing(
    monolith_on_postgres: Monolith,
) -> None:
    server = monolith_on_postgres.server
    async with httpx.AsyncHTTPTransport() as transport:
        api = ChatApi(transport, base_url=server.url)
        try:
            users = [await api.sign_up() for _ in range(3)]
            conversation_id = await create_group(*users)
            await eventually(partial(page, users[0], conversation_id))
            ws_url = server.url.replace("http://", "ws://") + "/ws"
            async with Traffic(ws_url, users, conversation_id) as traffic:
                await traffic.received(RECEIVED_BEFORE_THE_STOP)
                await monolith_on_postgres.database.stop()
                await eventually(
                    partial(waiting_for_its_database, server.url, users[0]), NOTICED_WITHIN_SECONDS
                )
                await asyncio.sleep(OUTAGE_SECONDS)  # the senders keep trying, answered 503
                await monolith_on_postgres.database.start()
                await traffic.answered_more(ANSWERED_AFTER_THE_RESTART)
                await traffic.delivered()
                assert traffic.resent, "no send was refused while the database was away"
                await notified_once_per_mention(traffic, users)
        finally:
            await api.close()


async def waiting_for_its_database(url: str, user: User) -> None:
    """A request that needs the database is told to come back; readiness names the waiting groups."""
    answer = await user.client.get("/api/v1/groups")
    assert answer.status_code == 503, answer.text
    assert_documented("GET", "/api/v1/groups", answer)
    async with httpx.AsyncClient() as client:
        readiness = await client.get(f"{url}/readyz")
    assert readiness.status_code == 503
    assert_documented("GET", "/readyz", readiness)
    assert readiness.json()["checks"]["consumer-groups"] != "ok", readiness.text


async def notified_once_per_mention(traffic: Traffic, members: list[User]) -> None:
    owner = members[0]
    for member in members:
        expected = traffic.mentions_of(member) + (member != owner)  # and `added_to_group`, once
        await eventually(partial(unread_notifications, member, expected))


async def unread_notifications(member: User, count: int) -> None:
    answer = await member.client.get("/api/v1/notifications", params={"unread": "true", "limit": 1})
    assert answer.status_code == 200, answer.text
    assert answer.json()["unread_count"] == count, answer.text
