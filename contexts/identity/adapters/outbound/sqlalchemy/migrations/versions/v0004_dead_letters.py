"""The events of identity's outbox that a consumer group of the in-process bus gave up on (ADR 18).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

from infra.db.outbox_tables import create_dead_letters_table

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_dead_letters_table(op.get_bind(), "identity")
