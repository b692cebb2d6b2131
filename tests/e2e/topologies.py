"""Both topologies behind one fixture, so every end-to-end scenario runs against each.

`deployment` is the monolith on uvicorn, or the five services behind the nginx gateway; a test
sees only the public API: a `ChatApi` for HTTP, the WebSocket URL and the URL a browser opens.
One deployment serves every test of a module (starting the services takes seconds), so tests
keep apart by signing up users of their own.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from devstack.services import BackingServers
from tests.api import ChatApi
from tests.eventually import eventually
from tests.messaging.http.chat import create_group, posted
from tests.realtime.live import live_settings, serve_live_monolith
from tests.services import serve_services


@dataclass(frozen=True)
class Deployment:
    topology: str
    api: ChatApi
    ws_url: str
    url: str


STARTING_WITHIN_SECONDS = 60.0


async def caught_up(api: ChatApi) -> None:
    """Waits until groups hears of users and messaging of groups. The services' consumers join the
    broker's consumer groups a while after their processes answer: the first scenario of a module
    should not spend its own deadlines on that."""
    owner, member = await api.sign_up(), await api.sign_up()
    group_id = await eventually(lambda: create_group(owner, member), within=STARTING_WITHIN_SECONDS)
    await eventually(lambda: posted(member, group_id), within=STARTING_WITHIN_SECONDS)


@pytest.fixture(scope="module", params=["monolith", "services"])
def topology(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture(scope="module")
def servers_for(request: pytest.FixtureRequest, topology: str) -> BackingServers | None:
    """The backing servers only the services need: the monolith runs without any, and doesn't
    skip where they are missing."""
    if topology == "monolith":
        return None
    servers: BackingServers = request.getfixturevalue("backing_servers")
    return servers


@pytest.fixture(scope="module")
async def deployment(
    topology: str, servers_for: BackingServers | None, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Deployment]:
    workdir = tmp_path_factory.mktemp(topology)
    if servers_for is None:
        async with serve_live_monolith(live_settings(workdir)) as monolith:
            yield Deployment(topology, monolith.api, monolith.ws_url, monolith.url)
    else:
        async with serve_services(servers_for, workdir) as services:
            await caught_up(services.api)
            yield Deployment(topology, services.api, services.ws_url, services.gateway_url)
