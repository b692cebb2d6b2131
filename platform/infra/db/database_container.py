"""The database of every context that keeps one of its own: engine, sessions, migrations, readiness.

A context's container nests it (`providers.Container(DatabaseContainer, ...)`), builds its
adapters on `sessions`, and takes its `ContextModule` from `module`, giving only what is its
own: every such context migrates, closes and reports readiness the same way. A context that
publishes integration events nests `WriteSideContainer`, which extends this one with the outbox.
"""

from collections.abc import Sequence
from functools import partial

from dependency_injector import containers, providers
from fastapi import APIRouter
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.context_module import ContextModule, EventSubscription, Task
from infra.db.engine import create_engine, is_reachable, session_factory
from infra.db.migrations import Migrations


def database_module(
    context: str,
    engine: AsyncEngine,
    migrations: Migrations,
    routers: Sequence[APIRouter],
    subscriptions: Sequence[EventSubscription] = (),
    background: Sequence[Task] = (),
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
        background=background,
        readiness={f"{context}-database": partial(is_reachable, engine)},
        subscriptions=subscriptions,
        rebuild_projections=rebuild_projections,
    )


class DatabaseContainer(containers.DeclarativeContainer):
    context = providers.Dependency(instance_of=str)
    """The context's name, which names its readiness check and its module."""
    config = providers.Configuration()
    """The context's own configuration, of which this reads database_url."""
    migrations = providers.Dependency(instance_of=Migrations)

    engine = providers.Singleton(create_engine, config.database_url)
    sessions = providers.Singleton(session_factory, engine)
    module = providers.Factory(database_module, context, engine, migrations)
    """Called with the context's `routers` and, if it has them, its `subscriptions`, its
    `background` tasks, what else to `prepare` at migration and how to `rebuild_projections`."""
