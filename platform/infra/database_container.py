"""The database of every context that keeps one of its own: engine, sessions, migrations, readiness.

A context's container nests it (`providers.Container(DatabaseContainer, ...)`), builds its
adapters on `sessions`, and takes its `ContextModule` from `module`, giving only what is its
own: every such context migrates, closes and reports readiness the same way. A context that
publishes integration events nests `WriteSideContainer`, which extends this one with its outbox.
"""

from collections.abc import Mapping, Sequence

from dependency_injector import containers, providers
from fastapi import APIRouter

from infra.context_module import Consumer, ContextModule, Task
from infra.db.database import Database
from infra.db.migrations import Migrations
from infra.outbox.outbox import Outbox
from kernel.integration_event import EventPayload


def database_module(
    context: str,
    database: Database,
    migrations: Migrations,
    routers: Sequence[APIRouter],
    outbox: Outbox | None = None,
    publishes: Sequence[type[EventPayload]] = (),
    consumers: Sequence[Consumer] = (),
    background: Sequence[Task] = (),
    prepare: Sequence[Task] = (),
    closing: Sequence[Task] = (),
    larger_request_bodies: Mapping[str, int] | None = None,
    rebuild_projections: Task | None = None,
) -> ContextModule:
    """`prepare`: what else must be made ready before the context serves (read models' indexes, ...),
    run after the database's migrations; `closing`: what else the context holds open (clients of
    other stores), closed after the database."""

    async def migrate() -> None:
        await migrations.upgrade(database.engine)
        for task in prepare:
            await task()

    async def close() -> None:
        await database.dispose()
        for task in closing:
            await task()

    return ContextModule(
        name=context,
        routers=routers,
        migrate=migrate,
        close=close,
        background=background,
        readiness={f"{context}-database": database.is_reachable},
        outbox=outbox,
        publishes=publishes,
        consumers=consumers,
        larger_request_bodies=larger_request_bodies or {},
        rebuild_projections=rebuild_projections,
    )


class DatabaseContainer(containers.DeclarativeContainer):
    context = providers.Dependency(instance_of=str)
    """The context's name, which names its readiness check and its module."""
    database_url = providers.Dependency(instance_of=str)
    """Where the context's database is: `<CONTEXT>_DATABASE_URL` (`infra.db.database_url`)."""
    migrations = providers.Dependency(instance_of=Migrations)

    database = providers.Singleton(Database, database_url)
    sessions = database.provided.sessions
    module = providers.Factory(database_module, context, database, migrations)
    """Called with the context's `routers` and, if it has them, its `consumers`, its `background`
    tasks, what else to `prepare` at migration and to close at `closing`, and how to
    `rebuild_projections`."""
