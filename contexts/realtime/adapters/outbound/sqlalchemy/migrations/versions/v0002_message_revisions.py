"""Each logged message keeps its revision, so that an older telling of it never replaces a newer one.

Rows logged before hold their message's latest state (events then arrived in order), so each is
given the revision of the message it holds.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-09
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from contexts.messaging.contracts.revisions import message_revision

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "realtime_messages", sa.Column("revision", sa.BigInteger, nullable=False, server_default="0")
    )
    messages = sa.table(
        "realtime_messages",
        sa.column("conversation_id", sa.Uuid),
        sa.column("seq", sa.Integer),
        sa.column("message", sa.JSON),
        sa.column("revision", sa.BigInteger),
    )
    bind = op.get_bind()
    revised = [
        {"conversation": row.conversation_id, "at": row.seq, "revision": told}
        for row in bind.execute(sa.select(messages.c.conversation_id, messages.c.seq, messages.c.message))
        if (told := message_revision(row.message))
    ]
    if revised:
        bind.execute(
            messages.update()
            .where(
                messages.c.conversation_id == sa.bindparam("conversation"),
                messages.c.seq == sa.bindparam("at"),
            )
            .values(revision=sa.bindparam("revision")),
            revised,
        )
