"""Whom each known user lets add them to groups (ADR 23).

Users known before have never chosen: they keep letting everyone add them, as before.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "groups_known_users",
        sa.Column("who_can_add", sa.String(16), nullable=False, server_default="everyone"),
    )
