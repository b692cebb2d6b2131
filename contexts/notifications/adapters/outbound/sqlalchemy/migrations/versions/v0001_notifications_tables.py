"""Notifications' tables: notifications, unread counts, mute preferences, the usernames it knows,
outbox, inbox and relay lease.

Migrations only go forward: a mistake is undone by a new revision, tested like any other.

Revision ID: 0001
Revises:
Create Date: 2025-12-08
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
        "notifications_notifications",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("recipient_id", sa.Uuid, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("conversation_id", sa.Uuid, nullable=False),
        sa.Column("message_id", sa.Uuid, nullable=True),
        sa.Column("actor_id", sa.Uuid, nullable=False),
        sa.Column("preview", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index(
        "ix_notifications_newest", "notifications_notifications", ["recipient_id", "created_at", "id"]
    )
    unread = sa.text("read_at IS NULL")
    op.create_index(
        "ix_notifications_unread",
        "notifications_notifications",
        ["recipient_id", "created_at", "id"],
        postgresql_where=unread,
        sqlite_where=unread,
    )
    op.create_index("ix_notifications_message_id", "notifications_notifications", ["message_id"])
    op.create_table(
        "notifications_unread_counts",
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("unread", sa.Integer, nullable=False),
    )
    op.create_table(
        "notifications_preferences",
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("conversation_id", sa.Uuid, primary_key=True),
        sa.Column("muted", sa.Boolean, nullable=False),
    )
    op.create_table(
        "notifications_usernames",
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("username", sa.String(32), nullable=False),
    )
    op.create_index("ix_notifications_usernames_username", "notifications_usernames", ["username"])
    create_outbox_tables(op.get_bind(), "notifications")
