"""The database behind realtime and notifications stopped for longer than any retry limit, then
started again, while messages keep being sent.

A consumer group whose database is away holds still (ADR 18): it says so on `/readyz`, sets no
event aside, and once the database is back applies everything it missed, in order. So every
message answered meanwhile reaches every socket once, is in realtime's log for a socket that
resumes, and every mention of it is one notification: none lost to the outage, none doubled.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest

from devstack import recipes
from devstack.local import LocalServer
from devstack.services import BackingServers
from tests.api import User
from tests.eventually import eventually
from tests.resilience.deployment import dedicated, group_members, ready, unready
from tests.resilience.traffic import SETTLES_WITHIN_SECONDS, Traffic
from tests.services import Services, serve_services

ON_THE_STOPPED_SERVER = ("realtime", "notifications")
OUTAGE_SECONDS = 15.0
"""Twice as long as a consumer group used to retry an event (five attempts, 7.5 s) before it
dead-lettered it."""
RECEIVED_BEFORE_THE_STOP = 5
ANSWERED_WHILE_DOWN = 10
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
        owner = members.users[0]
        for member in members.users:
            expected = traffic.mentions_of(member) + (member != owner)  # and `added_to_group`, once
            await eventually(partial(unread_notifications, member, expected))


async def unread_notifications(member: User, count: int) -> None:
    answer = await member.client.get("/api/v1/notifications", params={"unread": "true", "limit": 1})
    assert answer.status_code == 200, answer.text
    assert answer.json()["unread_count"] == count, answer.text
