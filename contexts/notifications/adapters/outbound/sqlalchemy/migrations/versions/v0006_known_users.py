"""Notifications' copy of identity's users is its known users, as in groups and messaging: the
table and its indexes are named so, and the inbox entries of the consumer that keeps it carry that
consumer's new name, so that events it applied before are not applied again.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_notifications_usernames_username", "notifications_usernames")
    op.rename_table("notifications_usernames", "notifications_known_users")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER INDEX notifications_usernames_pkey RENAME TO notifications_known_users_pkey")
    op.create_index("ix_notifications_known_users_username", "notifications_known_users", ["username"])
    inbox = sa.table("notifications_inbox", sa.column("consumer", sa.String))
    op.execute(
        sa.update(inbox)
        .where(inbox.c.consumer == "notifications.usernames")
        .values(consumer="notifications.known_users")
    )
