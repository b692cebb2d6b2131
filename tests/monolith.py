"""The whole application as `make run` composes it, served in-process for tests that cross contexts.

`monolith` builds the process with `runtime.process.build_process` on embedded defaults in a
temporary directory and runs its lifespan (migrations, bus, relays), so tests exercise the
same outbox -> relay -> consumer path as production. Only password hashing is made as cheap
as Argon2 allows, and sign-ups unlimited, since tests sign up many users from one address;
`module_monolith` serves every test of a module from one process, for tests that keep apart by
making users and data of their own.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from argon2.profiles import CHEAPEST
from starlette.types import ASGIApp

from runtime.contexts import CONTEXTS
from runtime.process import build_process
from runtime.settings import Settings
from tests.api import ChatApi

WEB_CLIENT = Path(__file__).parents[1] / "web" / "out"


GENEROUS_LIMITS: dict[str, Any] = {
    **{
        f"{kind}_{part}": 1_000_000
        for kind in (
            "message_sends",
            "message_changes",
            "group_changes",
            "typing_frames",
            "uploads",
            "searches",
        )
        for part in ("per_second", "burst")
    },
    # A module's cast is put into a group or two by every test.
    "group_additions_per_user_per_hour": 1_000_000,
    "group_additions_per_user_burst": 1_000_000,
    # A resume under load replays every message it missed.
    "realtime_resume_max_messages": 1_000_000,
    # Many users signed up from one address, some at once.
    "sign_up_client_max": 1_000_000,
    "password_hash_queue": 1_000_000,
}
"""Tests share users and an address across many requests (a module's cast, a load of traffic):
only the tests about limits meet them, with limits of their own."""


TIGHT_LIMITS: dict[str, Any] = {
    **{
        f"{kind}_per_second": 0.001
        for kind in ("message_sends", "message_changes", "group_changes", "uploads", "searches")
    },
    **{
        f"{kind}_burst": 1
        for kind in ("message_sends", "message_changes", "group_changes", "uploads", "searches")
    },
    "sign_up_client_max": 1,
    "login_max_failures": 1,
    "login_client_max_failures": 1,
}
"""Every limit a caller meets over HTTP, as small as the settings allow: of each kind, a user's or
an address's first request is admitted and the next refused, and none comes back while a test
runs (a token every 1,000 s). For the tests that drive refusals on every limited route at once."""


def generous_limits_env() -> dict[str, str]:
    return {name.upper(): str(value) for name, value in GENEROUS_LIMITS.items()}


def monolith_settings(data_dir: Path, **overrides: Any) -> Settings:
    return Settings(
        **{
            "data_dir": data_dir,
            "web_client_dir": WEB_CLIENT,
            "password_hash_time_cost": CHEAPEST.time_cost,
            "password_hash_memory_kib": CHEAPEST.memory_cost,
            "password_hash_parallelism": CHEAPEST.parallelism,
            **GENEROUS_LIMITS,
            **overrides,
        }
    )


class MonolithApi(ChatApi):
    """The API of a monolith served in-process, which a test may also call from other client
    addresses: the limits kept per address tell them apart."""

    def __init__(self, app: ASGIApp, address: str = "127.0.0.1") -> None:
        super().__init__(httpx.ASGITransport(app=app, client=(address, 50000)))
        self._app = app
        self._elsewhere: list[ChatApi] = []

    def from_address(self, address: str) -> ChatApi:
        """The same API as a client at `address` calls it; closed with this one."""
        api = MonolithApi(self._app, address)
        self._elsewhere.append(api)
        return api

    async def close(self) -> None:
        for api in self._elsewhere:
            await api.close()
        await super().close()


@asynccontextmanager
async def serve_monolith(data_dir: Path, **overrides: Any) -> AsyncIterator[MonolithApi]:
    """`overrides`: settings other than the defaults, by their field names."""
    app = build_process(list(CONTEXTS), monolith_settings(data_dir, **overrides))
    async with app.router.lifespan_context(app):
        api = MonolithApi(app)
        yield api
        await api.close()


@pytest.fixture
async def monolith(tmp_path: Path) -> AsyncIterator[ChatApi]:
    async with serve_monolith(tmp_path) as api:
        yield api


@pytest.fixture(scope="module")
def module_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where `module_monolith` keeps its SQLite databases."""
    return tmp_path_factory.mktemp("monolith")


@pytest.fixture(scope="module")
async def module_monolith(module_data_dir: Path) -> AsyncIterator[ChatApi]:
    async with serve_monolith(module_data_dir) as api:
        yield api
