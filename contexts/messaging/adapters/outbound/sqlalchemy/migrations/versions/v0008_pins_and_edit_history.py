"""Pins and edit history: who pinned a message and when, each body an edit replaced, and the
read model of each conversation's pins.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("messaging_messages") as batch:
        batch.add_column(sa.Column("pinned_by", sa.Uuid, nullable=True))
        batch.add_column(sa.Column("pinned_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "messaging_earlier_bodies",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.Uuid, sa.ForeignKey("messaging_messages.id"), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_messaging_earlier_bodies_message", "messaging_earlier_bodies", ["message_id", "id"])
    op.create_table(  # a read-model table, of generations as the others (v0002)
        "messaging_view_pins",
        sa.Column("generation", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.Uuid, primary_key=True),
        sa.Column("message_id", sa.Uuid, primary_key=True),
        sa.Column("pinned_at", sa.BigInteger, nullable=True),
        sa.Column("revision", sa.BigInteger, nullable=False),
        sa.Column("document", sa.JSON, nullable=True),
    )
    op.create_index(
        "ix_messaging_view_pins_newest",
        "messaging_view_pins",
        ["generation", "conversation_id", "pinned_at"],
    )
