"""Alembic's entry point for realtime's migrations; run through `tables.migrations`, never by hand."""

from contexts.realtime.adapters.outbound.sqlalchemy.tables import metadata
from infra.db.migrations import run_migrations

run_migrations(metadata)
