"""The search index of messages: on PostgreSQL a table with each body's lexemes under a GIN index; on
SQLite the same table without them, and an FTS5 index of its bodies that triggers keep in step.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_FULL_TEXT = (
    # External content: the bodies are stored once, in the table; remove_diacritics 2 folds "é" to "e".
    """CREATE VIRTUAL TABLE messaging_search_bodies USING fts5(
        body, content='messaging_search_messages', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER messaging_search_body_added AFTER INSERT ON messaging_search_messages BEGIN
        INSERT INTO messaging_search_bodies (rowid, body) VALUES (new.id, new.body);
    END""",
    """CREATE TRIGGER messaging_search_body_removed AFTER DELETE ON messaging_search_messages BEGIN
        INSERT INTO messaging_search_bodies (messaging_search_bodies, rowid, body)
        VALUES ('delete', old.id, old.body);
    END""",
    """CREATE TRIGGER messaging_search_body_changed AFTER UPDATE OF body ON messaging_search_messages BEGIN
        INSERT INTO messaging_search_bodies (messaging_search_bodies, rowid, body)
        VALUES ('delete', old.id, old.body);
        INSERT INTO messaging_search_bodies (rowid, body) VALUES (new.id, new.body);
    END""",
)


def upgrade() -> None:
    on_postgresql = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "messaging_search_messages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.Uuid, nullable=False),
        sa.Column("conversation_id", sa.Uuid, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("sender_id", sa.Uuid, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revision", sa.BigInteger, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        *([sa.Column("words", TSVECTOR, nullable=True)] if on_postgresql else []),
    )
    op.create_index(
        "ux_messaging_search_messages_message", "messaging_search_messages", ["message_id"], unique=True
    )
    op.create_index(
        "ix_messaging_search_messages_newest", "messaging_search_messages", ["conversation_id", "created_at"]
    )
    if on_postgresql:
        op.create_index(
            "ix_messaging_search_messages_words",
            "messaging_search_messages",
            ["words"],
            postgresql_using="gin",
        )
    else:
        for statement in _SQLITE_FULL_TEXT:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE messaging_search_bodies")
    op.drop_table("messaging_search_messages")
