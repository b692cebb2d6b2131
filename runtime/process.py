"""Composes a process from contexts: all of them (the monolith) or one (a service).

The same function builds both; only the platform pieces differ with the settings: the
in-process bus or Kafka, in-memory adapters or Redis, and the access-token keys taken from
identity in the same process or fetched from its JWKS endpoint.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import httpx
from fastapi import FastAPI
from pymongo import AsyncMongoClient
from redis.asyncio import BlockingConnectionPool, Redis

from infra.bus.consumer_group import ConsumerSettings
from infra.bus.event_bus import EventBus, ReplayReport
from infra.bus.in_process import InProcessBusSettings, InProcessEventBus
from infra.bus.kafka import KafkaBusSettings, KafkaEventBus
from infra.context_module import ContextModule, ReadinessCheck, Task
from infra.observability.logging import configure_logging
from infra.outbox.relay import RelaySettings
from infra.web.app_factory import create_app
from infra.web.auth import HttpJwksSource, InProcessJwksSource, JwksSource, TokenVerifier
from infra.web.metrics_listener import metrics_listener
from kernel.clock import SystemClock
from runtime.consumer_groups import subscribe_context
from runtime.contexts import CONTEXTS, BuiltContext, Platform
from runtime.event_docs.catalogue import EventCatalogue, event_catalogue
from runtime.settings import Settings

log = logging.getLogger(__name__)

RESTART_DELAY_SECONDS = 5.0


class ConfigurationError(Exception):
    """The settings cannot run the requested contexts; the message says what to change."""


def build_process(context_names: Collection[str], settings: Settings, *, migrate: bool = True) -> FastAPI:
    """The application serving `context_names`; its lifespan migrates, starts and stops them.

    Start-up: migrate each context's database (unless `migrate` is false), start the bus,
    start the contexts' background tasks. Shutdown undoes it in reverse.
    """
    process = _Process.compose(context_names, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        configure_logging(settings.log_level)
        try:
            async with _metrics_listener(settings):
                if migrate:
                    await process.migrate()
                await process.bus.start()
                tasks = [_start(module, task) for module in process.modules for task in module.background]
                try:
                    yield
                finally:
                    for task in tasks:
                        task.cancel()
                    await asyncio.gather(*tasks, return_exceptions=True)
                    await process.bus.stop()
        finally:
            await process.close()

    return create_app(
        title=f"hexchat ({', '.join(m.name for m in process.modules)})",
        routers=[router for module in process.modules for router in module.routers],
        readiness=process.readiness(),
        token_verifier=process.token_verifier,
        max_request_body_bytes=settings.max_request_body_bytes,
        larger_request_bodies={
            path: max_bytes
            for module in process.modules
            for path, max_bytes in module.larger_request_bodies.items()
        },
        api_docs=settings.api_docs_enabled,
        metrics_route=settings.metrics_port is None,
        lifespan=lifespan,
        web_client=_web_client(context_names, settings),
    )


def _metrics_listener(settings: Settings) -> AbstractAsyncContextManager[None]:
    """The metrics' own listener when `METRICS_PORT` asks for one, from start-up (migrations can be
    long, and a port that is taken should stop the process before they run) to shutdown."""
    if settings.metrics_port is None:
        return nullcontext()
    return metrics_listener(settings.host, settings.metrics_port)


def _web_client(context_names: Collection[str], settings: Settings) -> Path | None:
    """The built client when this process is the monolith; a service leaves it to the gateway."""
    if set(context_names) != set(CONTEXTS):
        return None
    if not (settings.web_client_dir / "index.html").is_file():
        log.warning(
            "no web client in %s (`make web` builds it): serving the API only", settings.web_client_dir
        )
        return None
    return settings.web_client_dir


@asynccontextmanager
async def _not_served(context_names: Collection[str], settings: Settings) -> AsyncIterator["_Process"]:
    """The process an operator's command works in, beside the serving ones: composed as they are,
    its databases brought up to date, nothing started, everything released afterwards."""
    process = _Process.compose(context_names, settings)
    try:
        await process.migrate()
        yield process
    finally:
        await process.close()


async def migrate_databases(context_names: Collection[str], settings: Settings) -> None:
    """Bring each context's database schema up to date, then release everything."""
    async with _not_served(context_names, settings):
        pass


async def rebuild_projections(context_names: Collection[str], settings: Settings) -> list[str]:
    """Rebuild the read models of each context that has some; answers those contexts' names.

    Runs beside the serving processes: each rebuild swaps its new read models in at once, so
    they keep answering throughout.
    """
    rebuilt: list[str] = []
    async with _not_served(context_names, settings) as process:
        for module in process.modules:
            if module.rebuild_projections is not None:
                log.info("rebuilding the read models of %s", module.name)
                await module.rebuild_projections()
                rebuilt.append(module.name)
    return rebuilt


async def redrive_parked_events(context_names: Collection[str], settings: Settings) -> dict[str, int]:
    """Hand the parked events of each context's outbox back to its relay; answers how many, by context.

    The serving processes' relays publish them on their next pass.
    """
    async with _not_served(context_names, settings) as process:
        return {
            module.name: await module.outbox.redrive_parked()
            for module in process.modules
            if module.outbox is not None
        }


async def replay_dead_letters(group: str, context_names: Collection[str], settings: Settings) -> ReplayReport:
    """Hand consumer group `group` (a context of the process) its dead letters again, beside the
    serving processes; answers how that went."""
    async with _not_served(context_names, settings) as process:
        if not any(module.name == group and module.consumers for module in process.modules):
            raise ConfigurationError(f"{group} is no consumer group of the contexts {sorted(context_names)}")
        return await process.bus.replay_dead_letters(group)


async def published_events(context_names: Collection[str], settings: Settings) -> EventCatalogue:
    """The catalogue of the chosen contexts' integration events, read from their modules as a
    process composes them; nothing is migrated or started."""
    process = _Process.compose(context_names, settings)
    try:
        return event_catalogue(process.modules, settings.kafka_topic_prefix)
    finally:
        await process.close()


@dataclass(frozen=True)
class _Process:
    platform: Platform
    bus: EventBus
    """Carries every outbox of the process's contexts to every consumer group, theirs and others'."""
    modules: Sequence[ContextModule]
    token_verifier: TokenVerifier
    jwks_client: httpx.AsyncClient | None

    @classmethod
    def compose(cls, context_names: Collection[str], settings: Settings) -> Self:
        unknown = set(context_names) - set(CONTEXTS)
        if unknown:
            raise ConfigurationError(f"unknown contexts {sorted(unknown)}; this build has {sorted(CONTEXTS)}")
        if not context_names:
            raise ConfigurationError("a process needs at least one context")
        # SQLite opens its files in DATA_DIR, and identity keeps its key there: owner-only.
        settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        platform = Platform(
            settings=settings,
            clock=SystemClock(),
            redis=_redis(settings.redis_url) if settings.redis_url else None,
            mongodb=AsyncMongoClient(settings.mongodb_url) if settings.mongodb_url else None,
        )
        built = [build(platform) for name, build in CONTEXTS.items() if name in context_names]
        bus = _bus(context_names, settings)
        for module in (b.module for b in built):
            if module.outbox is not None:
                bus.carry(module.outbox)
            subscribe_context(bus, module.name, module.consumers)
        source, jwks_client = _jwks_source(built, settings)
        verifier = TokenVerifier(source, issuer=settings.jwt_issuer)
        return cls(platform, bus, [b.module for b in built], verifier, jwks_client)

    def readiness(self) -> Mapping[str, ReadinessCheck]:
        checks: dict[str, ReadinessCheck] = {"event-bus": self.bus.is_ready}
        checks["consumer-groups"] = _none_stalled(self.bus)
        checks["token-keys"] = self.token_verifier.is_ready
        if self.platform.redis is not None:
            checks["redis"] = _answers(self.platform.redis)
        if self.platform.mongodb is not None:
            checks["mongodb"] = _pings(self.platform.mongodb)
        for module in self.modules:
            clashing = checks.keys() & module.readiness.keys()
            if clashing:
                raise ConfigurationError(f"{module.name} reuses the readiness check names {sorted(clashing)}")
            checks.update(module.readiness)
        return checks

    async def migrate(self) -> None:
        for module in self.modules:
            log.info("migrating %s", module.name)
            await module.migrate()

    async def close(self) -> None:
        for module in self.modules:
            await module.close()
        if self.platform.redis is not None:
            await self.platform.redis.aclose()
        if self.platform.mongodb is not None:
            await self.platform.mongodb.close()
        if self.jwks_client is not None:
            await self.jwks_client.aclose()


REDIS_MAX_CONNECTIONS = 100
REDIS_WAIT_FOR_CONNECTION_SECONDS = 10.0


def _redis(url: str) -> Redis:
    """A client whose callers queue for a connection when all are busy, rather than fail: a
    thousand sockets opening at once each set a presence deadline.

    Keepalive: realtime's pub/sub connection only reads, so a peer that vanished without closing
    would otherwise go unnoticed for as long as no frame comes.
    """
    pool = BlockingConnectionPool.from_url(
        url,
        max_connections=REDIS_MAX_CONNECTIONS,
        timeout=REDIS_WAIT_FOR_CONNECTION_SECONDS,
        socket_keepalive=True,
    )
    return Redis.from_pool(pool)  # the client owns the pool: closing it closes every connection


def _bus(context_names: Collection[str], settings: Settings) -> EventBus:
    consumers = ConsumerSettings(batch_size=settings.event_batch_size)
    if not settings.kafka_bootstrap_servers:
        return InProcessEventBus(
            InProcessBusSettings(consumers=consumers, poll_interval=settings.relay_poll_interval_seconds)
        )
    return KafkaEventBus(
        settings.kafka_bootstrap_servers,
        client_id="hexchat-" + "-".join(sorted(context_names)),
        topic_prefix=settings.kafka_topic_prefix,
        settings=KafkaBusSettings(
            consumers=consumers,
            relays=RelaySettings(
                poll_interval=settings.relay_poll_interval_seconds,
                backoff_max=settings.relay_backoff_max_seconds,
            ),
            session_timeout_ms=settings.kafka_session_timeout_ms,
            fetch_max_wait_ms=settings.kafka_fetch_max_wait_ms,
        ),
    )


def _jwks_source(
    built: Sequence[BuiltContext], settings: Settings
) -> tuple[JwksSource, httpx.AsyncClient | None]:
    """Identity's own keys when it is in the process, else its JWKS endpoint (and the client for it)."""
    issuer_keys = next((b.public_jwks for b in built if b.public_jwks is not None), None)
    if issuer_keys is not None:
        return InProcessJwksSource(issuer_keys), None
    if not settings.jwks_url:
        raise ConfigurationError("set JWKS_URL: without identity, a process fetches its keys from there")
    client = httpx.AsyncClient(timeout=5.0)
    return HttpJwksSource(settings.jwks_url, client), client


def _none_stalled(bus: EventBus) -> ReadinessCheck:
    """Not ready while a consumer group waits for a server: what it feeds (read models, sockets,
    notifications) falls behind meanwhile, and the operator should hear about it."""

    async def check() -> bool:
        stalled = bus.stalled_groups()
        if stalled:
            log.warning("consumer groups waiting for a server: %s", ", ".join(sorted(stalled)))
        return not stalled

    return check


def _answers(redis: Redis) -> ReadinessCheck:
    async def check() -> bool:
        return bool(await redis.ping())

    return check


def _pings(mongodb: AsyncMongoClient[dict[str, Any]]) -> ReadinessCheck:
    async def check() -> bool:
        return bool((await mongodb.admin.command("ping"))["ok"])

    return check


def _start(module: ContextModule, task: Task) -> asyncio.Task[None]:
    name = f"{module.name}:{getattr(task, '__qualname__', 'task')}"
    return asyncio.create_task(_keep_running(name, task), name=name)


async def _keep_running(name: str, task: Task) -> None:
    """Run a background task for the life of the process, restarting it whenever it crashes."""
    while True:
        try:
            await task()
        except Exception:
            log.exception("background task %s crashed; restarting in %ss", name, RESTART_DELAY_SECONDS)
            await asyncio.sleep(RESTART_DELAY_SECONDS)
        else:
            log.warning("background task %s ended", name)
            return
