"""How far each consumer group has read notifications's outbox, for the monolith's in-process bus (ADR 16).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from collections.abc import Sequence

from alembic import op

from infra.db.outbox_tables import create_consumer_positions_table

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_consumer_positions_table(op.get_bind(), "notifications")
