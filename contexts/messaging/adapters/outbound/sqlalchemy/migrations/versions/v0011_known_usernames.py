"""Known users' usernames, which a search `from:@username` looks up. Users registered before this
have none until their profile changes: the events that told of them were applied already.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("messaging_known_users", sa.Column("username", sa.String(32), nullable=True))
    op.create_index("ix_messaging_known_users_username", "messaging_known_users", ["username"])


def downgrade() -> None:
    op.drop_index("ix_messaging_known_users_username", "messaging_known_users")
    op.drop_column("messaging_known_users", "username")
