"""Threads: a message may reply to another (`reply_to`, `thread_root_id`), and a thread's root
keeps its summary in its row; the read models find a thread's messages by `thread_id` and keep
each root's summary apart (docs/adr/0029-threads-in-the-conversation-sequence.md).

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
    with op.batch_alter_table("messaging_messages") as batch:
        batch.add_column(sa.Column("reply_to", sa.Uuid, nullable=True))
        batch.add_column(sa.Column("thread_root_id", sa.Uuid, nullable=True))
        batch.add_column(sa.Column("reply_count", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("last_reply_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("recent_replier_ids", sa.JSON, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("thread_version", sa.Integer, nullable=False, server_default="0"))
    with op.batch_alter_table("messaging_view_messages") as batch:
        batch.add_column(sa.Column("thread_id", sa.Uuid, nullable=True))
    view_messages = sa.table(
        "messaging_view_messages", sa.column("id", sa.Uuid), sa.column("thread_id", sa.Uuid)
    )
    # Every message stored so far is no reply: each is the root of its own thread.
    op.execute(sa.update(view_messages).values(thread_id=view_messages.c.id))
    with op.batch_alter_table("messaging_view_messages") as batch:
        batch.alter_column("thread_id", existing_type=sa.Uuid, nullable=False)
    op.create_index(
        "ix_messaging_view_messages_thread", "messaging_view_messages", ["generation", "thread_id", "seq"]
    )
    op.create_table(
        "messaging_view_threads",
        sa.Column("generation", sa.Integer, primary_key=True),
        sa.Column("root_id", sa.Uuid, primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
    )
