"""The write side of every context that keeps a database of its own: engine, sessions, outbox relay.

A context's container nests it (`providers.Container(WriteSideContainer, ...)`), builds its
unit of work on `sessions` with `relay`'s wake-up, and takes its `ContextModule` from `module`,
giving only its routers and subscriptions: every such context migrates, closes, relays and
reports readiness the same way.
"""

from collections.abc import Sequence
from functools import partial

from dependency_injector import containers, providers
from fastapi import APIRouter
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.bus.event_bus import EventBus
from infra.context_module import ContextModule, EventSubscription, Task
from infra.db.engine import create_engine, is_reachable, session_factory
from infra.db.migrations import Migrations
from infra.db.outbox_tables import MessagingTables
from infra.outbox.outbox_log import OutboxLog
from infra.outbox.relay import OutboxRelay, RelaySettings


def write_side_module(
    context: str,
    engine: AsyncEngine,
    relay: OutboxRelay,
    migrations: Migrations,
    routers: Sequence[APIRouter],
    subscriptions: Sequence[EventSubscription] = (),
    prepare: Sequence[Task] = (),
    rebuild_projections: Task | None = None,
) -> ContextModule:
    """`prepare`: what else must be made ready before the context serves (read models' indexes, ...),
    run after the database's migrations."""

    async def migrate() -> None:
        await migrations.upgrade(engine)
        for task in prepare:
            await task()

    return ContextModule(
        name=context,
        routers=routers,
        migrate=migrate,
        close=engine.dispose,
        background=[relay.run],
        readiness={f"{context}-database": partial(is_reachable, engine)},
        subscriptions=subscriptions,
        rebuild_projections=rebuild_projections,
    )


class WriteSideContainer(containers.DeclarativeContainer):
    context = providers.Dependency(instance_of=str)
    """The context's name, which names its relay, its readiness check and its module."""
    config = providers.Configuration()
    """The context's own configuration; every context names these keys alike:
    database_url, relay_poll_interval_seconds."""
    tables = providers.Dependency(instance_of=MessagingTables)
    """The context's outbox, inbox and relay-lease tables."""
    migrations = providers.Dependency(instance_of=Migrations)
    bus: providers.Dependency[EventBus] = providers.Dependency()
    """The EventBus the outbox relay publishes to."""

    engine = providers.Singleton(create_engine, config.database_url)
    sessions = providers.Singleton(session_factory, engine)
    relay = providers.Singleton(
        OutboxRelay,
        context,
        sessions,
        tables,
        bus,
        providers.Factory(RelaySettings, poll_interval=config.relay_poll_interval_seconds.as_float()),
    )
    outbox_log = providers.Singleton(OutboxLog, sessions, tables)
    """The events the context published, for replaying them into its own read models."""
    module = providers.Factory(write_side_module, context, engine, relay, migrations)
    """Called with the context's `routers` and, if it has them, its `subscriptions`, what else to
    `prepare` at migration and how to `rebuild_projections`."""
