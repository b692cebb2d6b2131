"""Messaging's tables: conversations with their participants, messages, read markers, the users it
knows of, outbox, inbox and relay lease.

Migrations only go forward: a mistake is undone by a new revision, tested like any other.

Revision ID: 0001
Revises:
Create Date: 2025-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from infra.db.outbox_tables import create_outbox_tables

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "messaging_conversations",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("title", sa.String(100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seq", sa.Integer, nullable=False),
        sa.Column("closed", sa.Boolean, nullable=False),
        sa.Column("group_version", sa.Integer, nullable=True),
    )
    op.create_table(
        "messaging_participants",
        sa.Column("conversation_id", sa.Uuid, sa.ForeignKey("messaging_conversations.id"), primary_key=True),
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
    )
    op.create_table(
        "messaging_messages",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("conversation_id", sa.Uuid, sa.ForeignKey("messaging_conversations.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("sender_id", sa.Uuid, nullable=False),
        sa.Column("client_message_id", sa.String(64), nullable=False),
        sa.Column("body", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("conversation_id", "seq", name="ux_messaging_messages_seq"),
        sa.UniqueConstraint(
            "conversation_id",
            "sender_id",
            "client_message_id",
            name="ux_messaging_messages_client_message_id",
        ),
    )
    op.create_table(
        "messaging_read_markers",
        sa.Column("conversation_id", sa.Uuid, sa.ForeignKey("messaging_conversations.id"), primary_key=True),
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
    )
    op.create_table("messaging_known_users", sa.Column("id", sa.Uuid, primary_key=True))
    create_outbox_tables(op.get_bind(), "messaging")
