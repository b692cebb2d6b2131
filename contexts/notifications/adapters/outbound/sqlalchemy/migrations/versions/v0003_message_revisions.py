"""How far along its life each message is, so that news a later change overtook notifies no one.

Messages told of before start with no row: a `message_sent` of one of them that a replay brings
after its deletion still notifies, as it did before.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-09
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
        "notifications_message_revisions",
        sa.Column("message_id", sa.Uuid, primary_key=True),
        sa.Column("revision", sa.BigInteger, nullable=False),
    )
