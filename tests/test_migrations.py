"""Each context's migrations build exactly the tables its adapters use, on SQLite and PostgreSQL."""

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, text
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.db.migrations import Migrations
from runtime.contexts import CONTEXTS

Schema = tuple[MetaData, Migrations]
"""A context's tables, and the migrations that are to create them."""

SCHEMAS = {
    context: (tables.metadata, tables.migrations)
    for context in CONTEXTS
    for tables in [importlib.import_module(f"contexts.{context}.adapters.outbound.sqlalchemy.tables")]
}
"""Every context the runtime lists, so that a new one is held to its migrations as soon as it is listed."""


@pytest.fixture(params=list(SCHEMAS))
def schema(request: pytest.FixtureRequest) -> Schema:
    return SCHEMAS[request.param]


@pytest.fixture
def migrations(schema: Schema) -> Migrations:
    """For the `engine` fixture of tests/databases.py."""
    return schema[1]


async def test_the_migrated_schema_matches_the_tables(
    engine: AsyncEngine, schema: Schema, migrations: Migrations
) -> None:
    metadata = schema[0]

    def differences(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"version_table": migrations.version_table})
        return list(compare_metadata(context, metadata))

    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []


async def test_migrating_again_changes_nothing(engine: AsyncEngine, migrations: Migrations) -> None:
    await migrations.upgrade(engine)

    async with engine.connect() as connection:
        versions = await connection.execute(text(f"SELECT version_num FROM {migrations.version_table}"))
        assert list(versions.scalars()) == [
            ScriptDirectory(str(migrations.script_location)).get_current_head()
        ]
