"""Messaging's copy of identity's users is its known users, as in groups and notifications: its
column is `user_id`, and the inbox entries of the consumer that keeps it carry that consumer's
new name, so that events it applied before are not applied again.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("messaging_known_users") as batch:
        batch.alter_column("id", new_column_name="user_id", existing_type=sa.Uuid)
    inbox = sa.table("messaging_inbox", sa.column("consumer", sa.String))
    op.execute(
        sa.update(inbox)
        .where(inbox.c.consumer == "messaging.user_directory")
        .values(consumer="messaging.known_users")
    )
