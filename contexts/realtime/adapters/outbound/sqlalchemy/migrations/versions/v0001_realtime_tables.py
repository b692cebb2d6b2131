"""Realtime's tables: who takes part in each conversation, and the messages a resume replays.

Migrations only go forward: a mistake is undone by a new revision, tested like any other.

Revision ID: 0001
Revises:
Create Date: 2025-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "realtime_participants",
        sa.Column("conversation_id", sa.Uuid, primary_key=True),
        sa.Column("user_id", sa.Uuid, primary_key=True),
    )
    op.create_index(
        "ix_realtime_participants_user_id", "realtime_participants", ["user_id", "conversation_id"]
    )
    op.create_table(
        "realtime_messages",
        sa.Column("conversation_id", sa.Uuid, primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("message", sa.JSON, nullable=False),
    )
