"""Which search index messaging keeps: full-text search of the database it already runs."""

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contexts.messaging.adapters.outbound.sqlalchemy.postgres_message_search import PostgresMessageSearch
from contexts.messaging.adapters.outbound.sqlalchemy.sqlite_message_search import SqliteMessageSearch
from contexts.messaging.ports.message_search import MessageSearch


def message_search(sessions: async_sessionmaker[AsyncSession], language: str) -> MessageSearch:
    """PostgreSQL's full text when messaging's database is PostgreSQL, in `language` (a text search
    configuration); SQLite's FTS5 otherwise, which folds case and diacritics and stems nothing."""
    if sessions.kw["bind"].dialect.name == "postgresql":
        return PostgresMessageSearch(sessions, language)
    return SqliteMessageSearch(sessions)
