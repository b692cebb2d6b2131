"""Reactions: a row per reaction beside its message, the message's count of reaction changes, and
the read model of each message's reactions.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("messaging_messages") as batch:
        batch.add_column(sa.Column("reactions_revision", sa.Integer, nullable=False, server_default="0"))
    op.create_table(
        "messaging_reactions",
        sa.Column("message_id", sa.Uuid, sa.ForeignKey("messaging_messages.id"), primary_key=True),
        sa.Column("emoji", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "messaging_view_reactions",
        sa.Column("generation", sa.Integer, primary_key=True),
        sa.Column("message_id", sa.Uuid, primary_key=True),
        sa.Column("revision", sa.BigInteger, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
    )
