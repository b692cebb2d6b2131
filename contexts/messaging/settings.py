"""Messaging's settings: its database, where MongoDB keeps its read models, how fast one may send
and change messages, in how large a group only moderators may mention everyone, and the language
messages are searched in."""

from pydantic import BaseModel, Field

from contexts.messaging.domain.mention_of_everyone import MODERATORS_ONLY_ABOVE
from infra.db.database_url import database_url


class MessagingSettings(BaseModel):
    messaging_database_url: str = database_url("messaging")
    mongodb_database: str = Field(
        "hexchat",
        min_length=1,
        description="The MongoDB database holding the read models, when MONGODB_URL is set.",
    )
    message_sends_per_second: float = Field(
        5.0, gt=0, description="Messages one user may send per second, sustained; more are answered 429."
    )
    message_sends_burst: int = Field(
        50, ge=1, description="Messages one user may send at once before `MESSAGE_SENDS_PER_SECOND` holds."
    )
    message_changes_per_second: float = Field(
        2.0,
        gt=0,
        description="Edits, deletions, pins and reactions a user may make per second, sustained.",
    )
    message_changes_burst: int = Field(
        20,
        ge=1,
        description="Edits, deletions, pins and reactions a user may make at once before the rate holds.",
    )
    mention_all_moderators_only_above: int = Field(
        MODERATORS_ONLY_ABOVE,
        ge=0,
        description="In a group conversation of more participants than this, only the group's owners and"
        " admins may write `@all`; anyone else's send or edit with it is answered 403 (0: in every group).",
    )
    search_language: str = Field(
        "english",
        pattern=r"^[a-z_][a-z0-9_]*$",
        description="The PostgreSQL text search configuration messages are searched in (its stems and"
        " stop words: `simple` has none), when messaging's database is PostgreSQL; the first search or"
        " indexing fails with the configurations the server has if it lacks this one (`SELECT cfgname"
        " FROM pg_ts_config`). A change applies to messages indexed after it: `chat projections"
        " rebuild` indexes them all again. On SQLite the index folds case and diacritics and stems no"
        " language (ADR 36).",
    )
