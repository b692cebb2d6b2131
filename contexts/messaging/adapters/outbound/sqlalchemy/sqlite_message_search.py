"""The search index on SQLite: FTS5 over the bodies, ranked by bm25 among the newest matches.

What a person typed never reaches FTS5's query syntax as such: each word and each phrase becomes
one quoted string, so `OR`, `NEAR(`, `*`, `-`, `:` and quotes are only text to look for.
"""

import unicodedata
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.elements import ColumnClause

from contexts.messaging.adapters.outbound.sqlalchemy.search_rows import CHANGING, rows, scoped
from contexts.messaging.adapters.outbound.sqlalchemy.search_snippets import (
    CUT,
    START,
    STOP,
    WORDS,
    opening,
    snippet,
)
from contexts.messaging.adapters.outbound.sqlalchemy.tables import search_bodies, search_messages
from contexts.messaging.ports.message_search import FoundMessage, IndexedMessage, SearchQuery
from infra.db.database import reading
from infra.db.upserts import upsert_unless_newer

RANKED = 1_000
"""The most matches of a search that are ranked: the last indexed (the newest, but for edits of old
messages). FTS5 hands its matches out newest first without sorting, but ranks them only by sorting
them all: a common word would rank hundreds of thousands (bench/: seconds at a million messages)."""

_INDEX: ColumnClause[Any] = literal_column(search_bodies.name)
"""The FTS5 table as the value its functions and MATCH take."""


class SqliteMessageSearch:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def index(self, messages: Sequence[tuple[IndexedMessage, int]]) -> None:
        async with self._sessions() as db, db.begin():
            await upsert_unless_newer(
                db,
                search_messages,
                *rows(messages),
                key=["message_id"],
                changing=CHANGING,
                revision="revision",
            )

    async def search(
        self,
        query: SearchQuery,
        *,
        conversation_ids: Collection[UUID],
        sent_before: datetime | None,
        offset: int,
        limit: int,
    ) -> list[FoundMessage]:
        match = _match(query)
        if not conversation_ids or (match is None and not query.sender_ids):
            return []
        m = search_messages.c
        found = select(m.message_id, m.conversation_id, m.seq, m.sender_id, m.created_at, m.body)
        if match is None:  # only senders named: their messages, newest first
            statement = scoped(found, query, conversation_ids, sent_before).order_by(
                m.created_at.desc(), m.message_id
            )
        else:
            candidates = (
                scoped(found, query, conversation_ids, sent_before)
                .add_columns(
                    func.bm25(_INDEX).label("rank"),
                    func.snippet(_INDEX, 0, START, STOP, CUT, WORDS).label("marked"),
                )
                .join(search_bodies, search_bodies.c.rowid == m.id)
                .where(_INDEX.op("MATCH")(match))
                .order_by(search_bodies.c.rowid.desc())
                .limit(RANKED)
                .subquery()
            )
            statement = select(candidates).order_by(
                candidates.c.rank, candidates.c.created_at.desc(), candidates.c.message_id
            )
        statement = statement.offset(offset).limit(limit)
        async with reading(self._sessions) as db:
            results = (await db.execute(statement)).all()
        return [
            FoundMessage(
                message_id=row.message_id,
                conversation_id=row.conversation_id,
                seq=row.seq,
                sender_id=row.sender_id,
                created_at=row.created_at,
                snippet=opening(row.body) if match is None else snippet(row.marked),
            )
            for row in results
        ]

    async def clear(self) -> None:
        async with self._sessions() as db, db.begin():
            await db.execute(delete(search_messages))


def _match(query: SearchQuery) -> str | None:
    """FTS5's query for every word and phrase, each quoted; None when none has anything to look for."""
    terms = [*query.words, *(" ".join(phrase) for phrase in query.phrases)]
    quoted = ['"' + term.replace('"', '""') + '"' for term in terms if _has_words(term)]
    return " AND ".join(quoted) or None


def _has_words(text: str) -> bool:
    """Whether FTS5's tokenizer (unicode61) finds a word in `text`: letters, digits or private use."""
    return any(
        (category := unicodedata.category(character))[0] in "LN" or category == "Co" for character in text
    )
