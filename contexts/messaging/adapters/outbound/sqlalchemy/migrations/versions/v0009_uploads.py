"""Uploads: the files people stored to post with messages, the message each was posted with, and
for an image whether its thumbnail is made.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "messaging_uploads",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("uploader_id", sa.Uuid, nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(255), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("width", sa.Integer, nullable=True),
        sa.Column("height", sa.Integer, nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message_id", sa.Uuid, sa.ForeignKey("messaging_messages.id"), nullable=True),
        sa.Column("conversation_id", sa.Uuid, nullable=True),
        sa.Column("discarded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("thumbnail", sa.String(16), nullable=True),
    )
    op.create_index("ix_messaging_uploads_message", "messaging_uploads", ["message_id"])
    op.create_index("ix_messaging_uploads_unattached", "messaging_uploads", ["uploaded_at"])
    op.create_index("ix_messaging_uploads_discarded", "messaging_uploads", ["discarded_at"])
    op.create_index("ix_messaging_uploads_thumbnail", "messaging_uploads", ["thumbnail"])


def downgrade() -> None:
    op.drop_table("messaging_uploads")
