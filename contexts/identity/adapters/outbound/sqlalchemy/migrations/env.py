"""Alembic's entry point for identity's migrations; run through `tables.migrations`, never by hand."""

from contexts.identity.adapters.outbound.sqlalchemy.tables import metadata
from infra.db.migrations import run_migrations

run_migrations(metadata)
