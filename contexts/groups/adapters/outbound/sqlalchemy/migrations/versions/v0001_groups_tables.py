"""Groups' tables: groups, their members, the users known to exist, outbox, inbox and relay lease.

Migrations only go forward: a mistake is undone by a new revision, tested like any other.

Revision ID: 0001
Revises:
Create Date: 2025-11-25
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
        "groups_groups",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "groups_members",
        sa.Column(
            "group_id",
            sa.Uuid,
            sa.ForeignKey("groups_groups.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_groups_members_user_id", "groups_members", ["user_id"])
    op.create_table("groups_known_users", sa.Column("user_id", sa.Uuid, primary_key=True))
    create_outbox_tables(op.get_bind(), "groups")
