"""A services deployment a test breaks on purpose, and what the test asks of it meanwhile."""

from collections.abc import AsyncIterator, Collection, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import httpx
from argon2.profiles import CHEAPEST

from devstack import recipes
from devstack.local import LocalServer, chat_command, http_server
from tests.api import User
from tests.eventually import eventually
from tests.messaging.http.chat import create_group, page
from tests.monolith import generous_limits_env
from tests.resilience.traffic import SETTLES_WITHIN_SECONDS
from tests.servers.fixtures import unavailable
from tests.services import Services


async def dedicated(stack: AsyncExitStack, name: str, recipe: recipes.Recipe) -> LocalServer:
    """A server of the test's own, which it may stop and start without disturbing other tests."""
    try:
        return await stack.enter_async_context(recipes.running(name, recipe))
    except recipes.ServerNotInstalledError as missing:
        unavailable(f"no {name} server of the test's own: install {missing}")


@asynccontextmanager
async def monolith(workdir: Path, env: Mapping[str, str] | None = None) -> AsyncIterator[LocalServer]:
    """`chat serve` as its own process, as `make run` starts it: on embedded defaults unless `env`
    says otherwise."""
    server = http_server(
        "monolith",
        chat_command("serve"),
        workdir,
        {
            "DATA_DIR": str(workdir / "data"),
            "PASSWORD_HASH_TIME_COST": str(CHEAPEST.time_cost),
            "PASSWORD_HASH_MEMORY_KIB": str(CHEAPEST.memory_cost),
            "PASSWORD_HASH_PARALLELISM": str(CHEAPEST.parallelism),
            **generous_limits_env(),
            **(env or {}),
        },
    )
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@dataclass(frozen=True)
class GroupMembers:
    users: list[User]
    conversation_id: str


async def group_members(services: Services) -> GroupMembers:
    users = [await services.api.sign_up() for _ in range(3)]
    conversation_id = await create_group(*users, within=SETTLES_WITHIN_SECONDS)
    await eventually(partial(page, users[0], conversation_id))  # messaging has heard of the group
    return GroupMembers(users, conversation_id)


async def readiness(services: Services) -> dict[str, httpx.Response]:
    """Each service's own `/readyz` (the gateway does not route it)."""
    async with httpx.AsyncClient() as client:
        return {
            name: await client.get(f"{process.url}/readyz")
            for name, process in services.processes.items()
            if name != "gateway"
        }


async def unready(services: Services, check: str, among: Collection[str] | None = None) -> None:
    """Every service (or those `among`) answers 503, failing `check`."""
    for name, answer in (await readiness(services)).items():
        if among is not None and name not in among:
            continue
        assert answer.status_code == 503, f"{name}: {answer.text}"
        assert answer.json()["checks"][check] != "ok", f"{name}: {answer.text}"


async def ready(services: Services) -> None:
    for name, answer in (await readiness(services)).items():
        assert answer.status_code == 200, f"{name}: {answer.text}"
