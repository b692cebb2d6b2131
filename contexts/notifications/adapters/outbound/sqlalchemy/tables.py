"""Notifications' tables; migrations/ creates them, and nothing else of notifications knows they exist."""

from pathlib import Path

from sqlalchemy import JSON, BigInteger, Boolean, Column, Index, Integer, MetaData, String, Table, Uuid

from infra.db.migrations import Migrations
from infra.db.outbox_tables import outbox_tables
from infra.db.types import UtcDateTime

metadata = MetaData()

notifications = Table(
    "notifications_notifications",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("recipient_id", Uuid, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("conversation_id", Uuid, nullable=False),
    Column("message_id", Uuid, nullable=True),
    Column("actor_id", Uuid, nullable=False),
    Column("preview", String(100), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("read_at", UtcDateTime, nullable=True),
)
"""The id is derived from what a notification is about (see the domain), so the primary key is
what keeps the same news from being stored twice."""
# A recipient's list, newest first; and its unread part, which listing with `unread=true` and
# reading them all go through without passing the read ones.
Index("ix_notifications_newest", notifications.c.recipient_id, notifications.c.created_at, notifications.c.id)
Index(
    "ix_notifications_unread",
    notifications.c.recipient_id,
    notifications.c.created_at,
    notifications.c.id,
    postgresql_where=notifications.c.read_at.is_(None),
    sqlite_where=notifications.c.read_at.is_(None),
)
# A deleted message's notifications are withdrawn.
Index("ix_notifications_message_id", notifications.c.message_id)

unread_counts = Table(
    "notifications_unread_counts",
    metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("unread", Integer, nullable=False),
)
"""Changed with the notifications, in their transaction: see ports/unread_counts.py."""

preferences = Table(
    "notifications_preferences",
    metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("conversation_id", Uuid, primary_key=True),
    Column("muted", Boolean, nullable=False),
)

known_users = Table(
    "notifications_known_users",
    metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("username", String(32), nullable=False),
)
"""Not unique: two users' changes may arrive out of order, each from its own stream of events."""
Index("ix_notifications_known_users_username", known_users.c.username)

message_revisions = Table(
    "notifications_message_revisions",
    metadata,
    Column("message_id", Uuid, primary_key=True),
    Column("revision", BigInteger, nullable=False),
)
"""How far along its life each message notifications heard of is: see ports/message_revisions.py."""

conversations = Table(
    "notifications_conversations",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("participant_ids", JSON, nullable=False),
    Column("revision", BigInteger, nullable=False),
)
"""Who takes part in each conversation, as messaging last told it: see ports/conversation_participants.py.
Notifications only ever reads a conversation's participants whole, never looks one up, so they
are one value: one row read per conversation, however large."""

thread_followers = Table(
    "notifications_thread_followers",
    metadata,
    Column("root_id", Uuid, primary_key=True),
    Column("user_id", Uuid, primary_key=True),
)
"""Who follows each thread, by its root: see ports/thread_followers.py."""

outbox = outbox_tables(metadata, "notifications")
migrations = Migrations("notifications", Path(__file__).with_name("migrations"))
