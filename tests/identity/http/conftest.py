"""Identity's routes, served by the real application factory, on SQLite in a temporary directory."""

import asyncio
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from argon2.profiles import CHEAPEST
from dependency_injector import providers
from fastapi import FastAPI

from contexts.identity.adapters.outbound.hashing_threads import HashingThreads
from contexts.identity.container import IdentityContainer
from contexts.identity.settings import IdentitySettings
from infra.bus.in_process import InProcessEventBus
from infra.web.app_factory import create_app
from infra.web.auth import InProcessJwksSource, TokenVerifier
from runtime.settings import Settings
from tests.clock import SteppedClock

T = TypeVar("T")

ISSUER = "hexchat-test"
MAX_FAILURES = 5
FAILURE_WINDOW_SECONDS = 900
CLIENT_MAX_FAILURES = 20
SIGN_UP_MAX = 60
HASHING_THREADS, HASHING_QUEUE = 2, 4
"""Room for every free attempt sent at once (MAX_FAILURES)."""
REFRESH_GRACE_SECONDS = 30
DEVICE_MAX_FAILURES = 3


class ObservedHashingThreads(HashingThreads):
    """The hashing threads, counting the hashes asked for and made, and holding each while `released`
    is clear."""

    def __init__(self) -> None:
        super().__init__(HASHING_THREADS, HASHING_QUEUE)
        self.asked = 0
        self._asking = asyncio.Event()
        self.hashes = 0
        self.released = threading.Event()
        self.released.set()
        self._lock = threading.Lock()

    async def run(self, work: Callable[..., T], *args: object) -> T:
        def observed(*args: object) -> T:
            self.released.wait()
            with self._lock:
                self.hashes += 1
            return work(*args)

        self.asked += 1
        self._asking.set()
        return await super().run(observed, *args)

    async def asked_for(self, count: int) -> None:
        """Returns once `count` hashes have been asked for in all."""
        while self.asked < count:
            self._asking.clear()
            await self._asking.wait()


@dataclass
class Served:
    client: httpx.AsyncClient
    """From 127.0.0.1."""
    container: IdentityContainer
    clock: SteppedClock
    bus: InProcessEventBus
    hashing: ObservedHashingThreads
    app: FastAPI

    def client_from(self, address: str) -> httpx.AsyncClient:
        """A client whose requests come from `address`; the caller closes it."""
        transport = httpx.ASGITransport(app=self.app, client=(address, 50000))
        return httpx.AsyncClient(transport=transport, base_url="http://test")


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    clock, bus = SteppedClock(), InProcessEventBus()
    settings = IdentitySettings(
        identity_database_url=f"sqlite+aiosqlite:///{tmp_path}/identity.db",
        jwt_private_key_file=tmp_path / "keys" / "identity.pem",
        jwt_issuer=ISSUER,
        refresh_token_grace_seconds=REFRESH_GRACE_SECONDS,
        login_max_failures=MAX_FAILURES,
        login_failure_window_seconds=FAILURE_WINDOW_SECONDS,
        login_client_max_failures=CLIENT_MAX_FAILURES,
        password_hash_threads=HASHING_THREADS,
        password_hash_queue=HASHING_QUEUE,
        device_token_max_failures=DEVICE_MAX_FAILURES,
        sign_up_client_max=SIGN_UP_MAX,
        password_hash_time_cost=CHEAPEST.time_cost,
        password_hash_memory_kib=CHEAPEST.memory_cost,
        password_hash_parallelism=CHEAPEST.parallelism,
    )
    container = IdentityContainer(settings=settings, clock=clock)
    hashing = ObservedHashingThreads()
    container.hashing_threads.override(providers.Object(hashing))
    module = container.module()
    await module.migrate()
    assert module.outbox is not None
    bus.carry(module.outbox)
    verifier = TokenVerifier(InProcessJwksSource(container.public_jwks), issuer=ISSUER)
    app = create_app(
        title="identity",
        routers=module.routers,
        readiness=module.readiness,
        token_verifier=verifier,
        max_request_body_bytes=Settings().max_request_body_bytes,
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        yield Served(client, container, clock, bus, hashing, app)
    await module.close()


@pytest.fixture
def client(served: Served) -> httpx.AsyncClient:
    return served.client


async def register(
    client: httpx.AsyncClient,
    username: str = "alice",
    display_name: str = "Alice",
    password: str = "correct horse",
) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/users", json={"username": username, "password": password, "display_name": display_name}
    )
    assert response.status_code == 201, response.text
    user: dict[str, Any] = response.json()
    return user


async def sign_in(
    client: httpx.AsyncClient,
    username: str = "alice",
    password: str = "correct horse",
    device_token: str | None = None,
) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/sessions", json={"username": username, "password": password, "device_token": device_token}
    )
    assert response.status_code == 201, response.text
    session: dict[str, Any] = response.json()
    return session


def bearer(session: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {session['access_token']}"}
