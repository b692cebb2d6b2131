"""Each context's migrations build exactly the tables its adapters use, on SQLite and PostgreSQL."""

import importlib
from collections.abc import Callable

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
        opts = {
            "version_table": migrations.version_table,
            "include_name": _not_full_text_index(connection),
            "include_object": _on_this_dialect(connection.dialect.name),
        }
        context = MigrationContext.configure(connection, opts=opts)
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


def _on_this_dialect(dialect: str) -> Callable[..., bool]:
    """Leaves out a column or index of the tables that only another database has (its `info` says
    which: PostgreSQL's lexemes of a searched text, say)."""

    def include(item: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        info = getattr(item if not reflected else compare_to, "info", None) or {}
        return bool(info.get("dialect", dialect) == dialect)

    return include


def _not_full_text_index(connection: Connection) -> Callable[..., bool]:
    """Leaves out SQLite's FTS5 virtual tables and the shadow tables each keeps its index in: the
    migrations make them, and SQLAlchemy has no table type for them."""
    virtual = (
        [
            name
            for (name,) in connection.execute(
                text("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
            )
        ]
        if connection.dialect.name == "sqlite"
        else []
    )

    def include(name: str | None, type_: str, parent_names: object) -> bool:
        return type_ != "table" or not any(
            name == table or str(name).startswith(f"{table}_") for table in virtual
        )

    return include
