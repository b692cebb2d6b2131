"""Alembic, driven from code: every context keeps its own migration history and version table.

A context's `migrations/env.py` calls `run_migrations`; `Migrations.upgrade` runs them inside
the application's own async engine, so `chat migrate` and start-up need no alembic.ini.
"""

from dataclasses import dataclass
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine


@dataclass(frozen=True)
class Migrations:
    """One context's migration history: its scripts, and the table recording how far a database is."""

    context: str
    script_location: Path

    @property
    def version_table(self) -> str:
        """Named after the context, so contexts sharing one database keep their histories apart."""
        return f"{self.context}_alembic_version"

    async def upgrade(self, engine: AsyncEngine, revision: str = "head") -> None:
        """Bring the context's tables to the newest revision, or to an older `revision` for a test of
        the migration after it; a database already there is left alone."""

        def run(connection: Connection) -> None:
            config = Config()
            config.set_main_option("script_location", str(self.script_location))
            config.attributes["connection"] = connection
            config.attributes["version_table"] = self.version_table
            command.upgrade(config, revision)

        async with engine.begin() as connection:
            await connection.run_sync(run)


def run_migrations(target_metadata: MetaData) -> None:
    """The body of every context's env.py (online mode only: migrations run against a live database)."""
    connection: Connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table=context.config.attributes["version_table"],
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
