"""Alembic's entry point for messaging's migrations; run through `tables.migrations`, never by hand."""

from contexts.messaging.adapters.outbound.sqlalchemy.tables import metadata
from infra.db.migrations import run_migrations

run_migrations(metadata)
