"""Identity's tables; migrations/ creates them, and nothing else of identity knows they exist."""

from pathlib import Path

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, String, Table, Text, Uuid

from infra.db.migrations import Migrations
from infra.db.outbox_tables import outbox_tables
from infra.db.types import UtcDateTime

metadata = MetaData()

users = Table(
    "identity_users",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("username", String(32), nullable=False),
    Column("display_name", String(64), nullable=False),
    Column("display_name_key", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)
# Usernames are stored lower-case and display names are searched by their lower-cased key, so
# a case-insensitive prefix search is a plain `LIKE 'prefix%'`, which PostgreSQL answers from
# an index only with the `text_pattern_ops` operator class. Uniqueness compares bytes either way.
Index(
    "ux_identity_users_username",
    users.c.username,
    unique=True,
    postgresql_ops={"username": "text_pattern_ops"},
)
Index(
    "ix_identity_users_display_name_key",
    users.c.display_name_key,
    postgresql_ops={"display_name_key": "text_pattern_ops"},
)

sessions = Table(
    "identity_sessions",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("identity_users.id"), nullable=False, index=True),
    Column("rotation_key", String(64), nullable=False),
    Column("current_token", String(64), nullable=False),
    Column("previous_token", String(64), nullable=True),
    Column("rotated_at", UtcDateTime, nullable=True),
    Column("started_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime, nullable=True),
    Column("version", Integer, nullable=False),
)

refresh_tokens = Table(
    "identity_refresh_tokens",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("session_id", Uuid, ForeignKey("identity_sessions.id"), nullable=False, index=True),
)
"""Every token of every session's family, so a session is found by any token it ever handed out."""

outbox = outbox_tables(metadata, "identity")
migrations = Migrations("identity", Path(__file__).with_name("migrations"))
