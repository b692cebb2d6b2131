"""What a session needs for its refresh grace period (ADR 19): the secret its tokens' successors
are derived with, and which token was exchanged last, when.

Sessions started before get a secret of their own here; their previous token is unknown, so
their next refresh is the first to have a grace period.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("identity_sessions", sa.Column("rotation_key", sa.String(64), nullable=True))
    op.add_column("identity_sessions", sa.Column("previous_token", sa.String(64), nullable=True))
    op.add_column("identity_sessions", sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=True))
    sessions = sa.table("identity_sessions", sa.column("id", sa.Uuid), sa.column("rotation_key", sa.String))
    bind = op.get_bind()
    for session_id in bind.scalars(sa.select(sessions.c.id)).all():
        bind.execute(
            sa.update(sessions).where(sessions.c.id == session_id).values(rotation_key=secrets.token_hex(32))
        )
    with op.batch_alter_table("identity_sessions") as batch:
        batch.alter_column("rotation_key", existing_type=sa.String(64), nullable=False)
