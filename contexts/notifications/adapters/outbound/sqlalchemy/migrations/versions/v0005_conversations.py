"""Who takes part in each conversation, since messaging's message events no longer say (ADR 25).

The copy starts empty: conversations told of before this migration are unknown to it until
messaging's history is replayed into notifications (ADR 25, "Consequences").

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notifications_conversations",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("participant_ids", sa.JSON, nullable=False),
        sa.Column("revision", sa.BigInteger, nullable=False),
    )
