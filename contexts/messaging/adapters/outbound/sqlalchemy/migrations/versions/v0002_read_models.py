"""The embedded read models: conversations, their participants, messages and read markers, by generation.

Revision ID: 0002
Revises: 0001
Create Date: 2025-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    generation = op.create_table(
        "messaging_view_generation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("current", sa.Integer, nullable=False),
    )
    op.bulk_insert(generation, [{"id": 1, "current": 1}])
    _create_view(
        "messaging_view_conversations",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("document", sa.JSON, nullable=True),
        sa.Column("revision", sa.BigInteger, nullable=False),
        sa.Column("activity", sa.BigInteger, nullable=False),
    )
    _create_view(
        "messaging_view_participants",
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("conversation_id", sa.Uuid, primary_key=True),
    )
    _create_view(
        "messaging_view_messages",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("conversation_id", sa.Uuid, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("sender_id", sa.Uuid, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("revision", sa.BigInteger, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
    )
    op.create_index(
        "ix_messaging_view_messages_timeline",
        "messaging_view_messages",
        ["generation", "conversation_id", "seq"],
        unique=True,
    )
    _create_view(
        "messaging_view_read_markers",
        sa.Column("conversation_id", sa.Uuid, primary_key=True),
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
    )


def _create_view(name: str, *columns: sa.Column[object]) -> None:
    """A read-model table: each of its rows belongs to a generation."""
    op.create_table(name, sa.Column("generation", sa.Integer, primary_key=True), *columns)
