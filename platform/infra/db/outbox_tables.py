"""The outbox, inbox, relay-lease, consumer-position and dead-letter tables, which every context that
publishes owns.

Table names carry the context's name, so several contexts can share one database (the
monolith on PostgreSQL) or have one each (the services) with the same migrations.
"""

from dataclasses import dataclass

from sqlalchemy import JSON, BigInteger, Column, Index, Integer, MetaData, String, Table, Text, Uuid
from sqlalchemy.engine import Connection

from infra.db.types import UtcDateTime


@dataclass(frozen=True)
class OutboxTables:
    outbox: Table
    inbox: Table
    relay_lease: Table
    consumer_positions: Table
    """How far each consumer group has read the outbox, where the outbox itself is the log (ADR 16)."""
    dead_letters: Table
    """The outbox's events a consumer group that reads it directly gave up on, until they are replayed."""


def outbox_tables(metadata: MetaData, context: str) -> OutboxTables:
    outbox = Table(
        f"{context}_outbox",
        metadata,
        # The position orders publication; SQLite only autoincrements an INTEGER primary key.
        Column(
            "position", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
        ),
        Column("id", Uuid, nullable=False, unique=True),
        Column("type", String(200), nullable=False),
        Column("source", String(50), nullable=False),
        Column("subject", String(100), nullable=False),
        Column("time", UtcDateTime, nullable=False),
        Column("version", Integer, nullable=False),
        Column("correlation_id", String(100), nullable=True),
        Column("data", JSON, nullable=False),
        Column("published_at", UtcDateTime, nullable=True),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("next_attempt_at", UtcDateTime, nullable=True),
        Column("last_error", Text, nullable=True),
        Column("parked_at", UtcDateTime, nullable=True),
    )
    Index(
        f"ix_{context}_outbox_pending",
        outbox.c.position,
        postgresql_where=outbox.c.published_at.is_(None),
        sqlite_where=outbox.c.published_at.is_(None),
    )
    inbox = Table(
        f"{context}_inbox",
        metadata,
        Column("event_id", Uuid, primary_key=True),
        Column("consumer", String(100), primary_key=True),
        Column("processed_at", UtcDateTime, nullable=False),
    )
    relay_lease = Table(
        f"{context}_relay_lease",
        metadata,
        Column("name", String(50), primary_key=True),
        Column("holder", String(100), nullable=False),
        Column("expires_at", UtcDateTime, nullable=False),
    )
    consumer_positions = Table(
        f"{context}_consumer_positions",
        metadata,
        Column("consumer_group", String(100), primary_key=True),
        Column("position", BigInteger, nullable=False),
    )
    dead_letters = Table(
        f"{context}_dead_letters",
        metadata,
        Column("consumer_group", String(100), primary_key=True),
        Column("position", BigInteger, primary_key=True),
        Column("error", Text, nullable=False),
        Column("dead_lettered_at", UtcDateTime, nullable=False),
    )
    return OutboxTables(
        outbox=outbox,
        inbox=inbox,
        relay_lease=relay_lease,
        consumer_positions=consumer_positions,
        dead_letters=dead_letters,
    )


def create_outbox_tables(connection: Connection, context: str) -> None:
    """Create a context's outbox, inbox and lease tables from its first migration.

    One definition serves every context's migration, so the tables cannot drift apart.
    """
    tables = outbox_tables(MetaData(), context)
    tables.outbox.metadata.create_all(connection, [tables.outbox, tables.inbox, tables.relay_lease])


def create_consumer_positions_table(connection: Connection, context: str) -> None:
    """Create a context's consumer-position table, from the migration that added it to every context."""
    outbox_tables(MetaData(), context).consumer_positions.create(connection)


def create_dead_letters_table(connection: Connection, context: str) -> None:
    """Create a context's dead-letter table, from the migration that added it to every context."""
    outbox_tables(MetaData(), context).dead_letters.create(connection)
