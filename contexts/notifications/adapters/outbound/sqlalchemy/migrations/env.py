"""Alembic's entry point for notifications' migrations; run through `tables.migrations`, never by hand."""

from contexts.notifications.adapters.outbound.sqlalchemy.tables import metadata
from infra.db.migrations import run_migrations

run_migrations(metadata)
