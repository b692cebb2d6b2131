"""Messaging's tables; migrations/ creates them, and nothing else of messaging knows they exist."""

from pathlib import Path

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    column,
    table,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.sql.schema import SchemaItem

from infra.db.migrations import Migrations
from infra.db.outbox_tables import outbox_tables
from infra.db.types import UtcDateTime

metadata = MetaData()

conversations = Table(
    "messaging_conversations",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("title", String(100), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seq", Integer, nullable=False),
    Column("closed", Boolean, nullable=False),
    Column("group_version", Integer, nullable=True),
)
"""The row of a conversation is also its sequence counter: a sender locks it to take the next `seq`."""

participants = Table(
    "messaging_participants",
    metadata,
    Column("conversation_id", Uuid, ForeignKey("messaging_conversations.id"), primary_key=True),
    Column("user_id", Uuid, primary_key=True),
    Column("role", String(20), nullable=False),
)

messages = Table(
    "messaging_messages",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("conversation_id", Uuid, ForeignKey("messaging_conversations.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("sender_id", Uuid, nullable=False),
    Column("client_message_id", String(64), nullable=False),
    Column("body", Text, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("edited_at", UtcDateTime, nullable=True),
    Column("pinned_by", Uuid, nullable=True),
    Column("pinned_at", UtcDateTime, nullable=True),
    Column("reply_to", Uuid, nullable=True),
    Column("thread_root_id", Uuid, nullable=True),
    Column("reply_count", Integer, nullable=False, server_default="0"),
    Column("last_reply_at", UtcDateTime, nullable=True),
    Column("recent_replier_ids", JSON, nullable=False, server_default="[]"),
    Column("thread_version", Integer, nullable=False, server_default="0"),
    Column("reactions_revision", Integer, nullable=False, server_default="0"),
    Column("attachments", JSON, nullable=False, server_default="[]"),
    # The last line of defence behind the conversation lock: no gap-free sequence has a number
    # twice, and no sender's retry becomes a second message.
    UniqueConstraint("conversation_id", "seq", name="ux_messaging_messages_seq"),
    UniqueConstraint(
        "conversation_id", "sender_id", "client_message_id", name="ux_messaging_messages_client_message_id"
    ),
)
"""`body` is NULL once the message is deleted; `pinned_by` and `pinned_at` while it is not pinned.
A thread's root keeps its summary in its own row (`reply_count` to `thread_version`), changed
with each reply under the locks a reply takes. `attachments` holds the files posted with it as the
message shows them, so a message reads in one query; `messaging_uploads` decides who may read each
file and when it goes."""

earlier_bodies = Table(
    "messaging_earlier_bodies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", Uuid, ForeignKey("messaging_messages.id"), nullable=False),
    Column("body", Text, nullable=False),
    Column("written_at", UtcDateTime, nullable=False),
    Column("replaced_at", UtcDateTime, nullable=False),
    Index("ix_messaging_earlier_bodies_message", "message_id", "id"),
)
"""A message's edit history: each body an edit replaced, in the order of the edits (`id`)."""

reactions = Table(
    "messaging_reactions",
    metadata,
    Column("message_id", Uuid, ForeignKey("messaging_messages.id"), primary_key=True),
    Column("emoji", String(64), primary_key=True),
    Column("user_id", Uuid, primary_key=True),
    Column("position", Integer, nullable=False),
)
"""A row per reaction; `position` is its emoji's first use on the message, the same on each of the
emoji's rows. Part of the message: written only with the message's row locked."""

read_markers = Table(
    "messaging_read_markers",
    metadata,
    Column("conversation_id", Uuid, ForeignKey("messaging_conversations.id"), primary_key=True),
    Column("user_id", Uuid, primary_key=True),
    Column("seq", Integer, nullable=False),
)

known_users = Table(
    "messaging_known_users",
    metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("username", String(32), nullable=True),
    Index("ix_messaging_known_users_username", "username"),
)
"""Messaging's copy of who exists and goes by which username, from identity's events; `username`
is NULL for a user registered before messaging kept usernames, until their profile changes."""

uploads = Table(
    "messaging_uploads",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("uploader_id", Uuid, nullable=False),
    Column("filename", String(255), nullable=False),
    Column("content_type", String(255), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("width", Integer, nullable=True),
    Column("height", Integer, nullable=True),
    Column("uploaded_at", UtcDateTime, nullable=False),
    Column("message_id", Uuid, ForeignKey("messaging_messages.id"), nullable=True),
    Column("conversation_id", Uuid, nullable=True),
    Column("discarded_at", UtcDateTime, nullable=True),
    Column("thumbnail", String(16), nullable=True),
    Index("ix_messaging_uploads_message", "message_id"),
    Index("ix_messaging_uploads_unattached", "uploaded_at"),
    Index("ix_messaging_uploads_discarded", "discarded_at"),
    Index("ix_messaging_uploads_thumbnail", "thumbnail"),
)
"""A row per uploaded file; its bytes are in file storage, under keys made from its id."""

ONLY_ON_POSTGRESQL = {"dialect": "postgresql"}
"""The `info` of a column or index only PostgreSQL has: v0010 makes it there alone."""

search_messages = Table(
    "messaging_search_messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("message_id", Uuid, nullable=False),
    Column("conversation_id", Uuid, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("sender_id", Uuid, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("revision", BigInteger, nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("body", Text, nullable=False),
    Column("words", TSVECTOR, nullable=True, info=ONLY_ON_POSTGRESQL),
    Index("ux_messaging_search_messages_message", "message_id", unique=True),
    Index("ix_messaging_search_messages_newest", "conversation_id", "created_at"),
    Index("ix_messaging_search_messages_words", "words", postgresql_using="gin", info=ONLY_ON_POSTGRESQL),
)
"""The search index (a read model of its own, apart from the generations below): each message's
newest telling, a deleted one kept with an empty body so that an older telling cannot bring it back.
PostgreSQL searches `words`, the body's lexemes in `SEARCH_LANGUAGE`; SQLite searches
`search_bodies`. `id` numbers the rows for SQLite's full-text index."""

search_bodies = table("messaging_search_bodies", column("rowid"), column("body"))
"""SQLite only: the FTS5 index of `search_messages.body` (its `id` is the rowid), which triggers keep
in step with it (v0010). A virtual table, so the migration makes it and `metadata` leaves it out."""

# The embedded read models (the query side when no MongoDB is configured). They hold what the
# projector was told, as JSON in the published language, beside the columns queries filter and
# order on. Every row belongs to a generation: a rebuild fills the next one, then makes it current.

view_generation = Table(
    "messaging_view_generation",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("current", Integer, nullable=False),
)
"""One row (id 1): the generation queries read and the projector writes."""


def _view(name: str, *columns: SchemaItem) -> Table:
    return Table(name, metadata, Column("generation", Integer, primary_key=True), *columns)


view_conversations = _view(
    "messaging_view_conversations",
    Column("id", Uuid, primary_key=True),
    Column("document", JSON, nullable=True),
    Column("revision", BigInteger, nullable=False),
    Column("activity", BigInteger, nullable=False),
)
"""`document` is NULL while only messages or read markers of the conversation have arrived."""

view_participants = _view(
    "messaging_view_participants",
    Column("user_id", Uuid, primary_key=True),
    Column("conversation_id", Uuid, primary_key=True),
)
"""Each user's conversations, by user first: what the list of conversations looks up."""

view_messages = _view(
    "messaging_view_messages",
    Column("id", Uuid, primary_key=True),
    Column("conversation_id", Uuid, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("sender_id", Uuid, nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("revision", BigInteger, nullable=False),
    Column("document", JSON, nullable=False),
    Column("thread_id", Uuid, nullable=False),
    Index("ix_messaging_view_messages_timeline", "generation", "conversation_id", "seq", unique=True),
    Index("ix_messaging_view_messages_thread", "generation", "thread_id", "seq"),
)
"""`thread_id` is the root of the thread a message is in, its own id when it is no reply: a
thread's page is its root and replies, by `seq`, on one index."""

view_threads = _view(
    "messaging_view_threads",
    Column("root_id", Uuid, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("document", JSON, nullable=False),
)
"""A thread root's summary, apart from its message: each keeps its own newest telling."""

view_read_markers = _view(
    "messaging_view_read_markers",
    Column("conversation_id", Uuid, primary_key=True),
    Column("user_id", Uuid, primary_key=True),
    Column("seq", Integer, nullable=False),
)

view_pins = _view(
    "messaging_view_pins",
    Column("conversation_id", Uuid, primary_key=True),
    Column("message_id", Uuid, primary_key=True),
    Column("pinned_at", BigInteger, nullable=True),
    Column("revision", BigInteger, nullable=False),
    Column("document", JSON, nullable=True),
    Index("ix_messaging_view_pins_newest", "generation", "conversation_id", "pinned_at"),
)
"""A message's pin as last told (`document`), or NULL `document` and `pinned_at` once unpinned:
kept, with the revision of the unpinning, so that a pin told late does not come back."""

view_reactions = _view(
    "messaging_view_reactions",
    Column("message_id", Uuid, primary_key=True),
    Column("revision", BigInteger, nullable=False),
    Column("document", JSON, nullable=False),
)
"""Each message's reactions (a list of PublishedReaction), apart from the message: they change on
their own revisions, and may be told before the message is."""

views = (
    view_conversations,
    view_participants,
    view_messages,
    view_read_markers,
    view_threads,
    view_pins,
    view_reactions,
)

outbox = outbox_tables(metadata, "messaging")
migrations = Migrations("messaging", Path(__file__).with_name("migrations"))
