"""Identity's tables: users, sessions with their refresh-token families, outbox, inbox and relay lease.

Migrations only go forward: a mistake is undone by a new revision, tested like any other.

Revision ID: 0001
Revises:
Create Date: 2025-11-24
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
        "identity_users",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("username", sa.String(32), nullable=False),
        sa.Column("display_name", sa.String(64), nullable=False),
        sa.Column("display_name_key", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ux_identity_users_username",
        "identity_users",
        ["username"],
        unique=True,
        postgresql_ops={"username": "text_pattern_ops"},
    )
    op.create_index(
        "ix_identity_users_display_name_key",
        "identity_users",
        ["display_name_key"],
        postgresql_ops={"display_name_key": "text_pattern_ops"},
    )
    op.create_table(
        "identity_sessions",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("user_id", sa.Uuid, sa.ForeignKey("identity_users.id"), nullable=False),
        sa.Column("current_token", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_identity_sessions_user_id", "identity_sessions", ["user_id"])
    op.create_table(
        "identity_refresh_tokens",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("session_id", sa.Uuid, sa.ForeignKey("identity_sessions.id"), nullable=False),
    )
    op.create_index("ix_identity_refresh_tokens_session_id", "identity_refresh_tokens", ["session_id"])
    create_outbox_tables(op.get_bind(), "identity")
