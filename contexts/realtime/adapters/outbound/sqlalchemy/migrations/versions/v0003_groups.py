"""Realtime keeps its own copy of each group, since groups' events now carry only their change.

Groups created before are unknown to the copy until one of their events from before version 2
(which carry the whole group) is applied; see docs/adr/0022-group-events-carry-the-change.md.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "realtime_groups",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "realtime_group_members",
        sa.Column(
            "group_id", sa.Uuid, sa.ForeignKey("realtime_groups.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("user_id", sa.Uuid, primary_key=True),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("joined_at", sa.String, nullable=False),
    )
