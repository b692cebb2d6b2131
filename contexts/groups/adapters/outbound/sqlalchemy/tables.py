"""Groups' tables; migrations/ creates them, and nothing else of groups knows they exist."""

from pathlib import Path

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, String, Table, Uuid

from contexts.groups.domain.who_can_add import WhoCanAdd
from infra.db.migrations import Migrations
from infra.db.outbox_tables import outbox_tables
from infra.db.types import UtcDateTime

metadata = MetaData()

groups = Table(
    "groups_groups",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("version", Integer, nullable=False),
)

members = Table(
    "groups_members",
    metadata,
    Column("group_id", Uuid, ForeignKey("groups_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Uuid, primary_key=True),
    Column("role", String(16), nullable=False),
    Column("joined_at", UtcDateTime, nullable=False),
)
# "The groups I belong to" is asked on every listing; the primary key serves "the members of a group".
Index("ix_groups_members_user_id", members.c.user_id)

known_users = Table(
    "groups_known_users",
    metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("who_can_add", String(16), nullable=False, server_default=WhoCanAdd.EVERYONE.value),
)
"""The users identity told groups about: the ones a group may be given as members, and whom
each lets add them."""

outbox = outbox_tables(metadata, "groups")
migrations = Migrations("groups", Path(__file__).with_name("migrations"))
