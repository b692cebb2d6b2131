"""Realtime's tables; migrations/ creates them, and nothing else of realtime knows they exist.

Realtime publishes no integration events, so unlike the other contexts it has no outbox: its
tables hold only what it heard from messaging and groups.
"""

from pathlib import Path

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, Integer, MetaData, String, Table, Uuid

from infra.db.migrations import Migrations

metadata = MetaData()

participants = Table(
    "realtime_participants",
    metadata,
    Column("conversation_id", Uuid, primary_key=True),
    Column("user_id", Uuid, primary_key=True),
)
# A user's contacts are the participants of their conversations: this index finds the
# conversations, the primary key their participants, with no table access for either.
Index("ix_realtime_participants_user_id", participants.c.user_id, participants.c.conversation_id)

messages = Table(
    "realtime_messages",
    metadata,
    Column("conversation_id", Uuid, primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("message", JSON, nullable=False),
    Column("revision", BigInteger, nullable=False, server_default="0"),
)
"""Each message at the furthest point of its life realtime was told of, in the published language."""

groups = Table(
    "realtime_groups",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String, nullable=False),
    Column("created_at", String, nullable=False),
    Column("version", Integer, nullable=False),
)
"""Each group realtime heard of, at the version of the last change it applied; times and roles are
kept as published, since realtime only passes them on."""

group_members = Table(
    "realtime_group_members",
    metadata,
    Column("group_id", Uuid, ForeignKey("realtime_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Uuid, primary_key=True),
    Column("role", String, nullable=False),
    Column("joined_at", String, nullable=False),
)

migrations = Migrations("realtime", Path(__file__).with_name("migrations"))
