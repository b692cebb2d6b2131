"""The search index on PostgreSQL: each body's lexemes in `SEARCH_LANGUAGE` (a text search
configuration: stems and stop words of that language) under a GIN index, ranked by ts_rank_cd.

Each word and each phrase of a search is a bound parameter of plainto_tsquery or phraseto_tsquery,
which read it as text: nothing a person types is taken as query syntax.
"""

from collections.abc import Collection, Sequence
from datetime import datetime
from functools import reduce
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, bindparam, case, cast, delete, func, literal, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contexts.messaging.adapters.outbound.sqlalchemy.search_rows import CHANGING, rows, scoped
from contexts.messaging.adapters.outbound.sqlalchemy.search_snippets import (
    SHOWN_WHOLE,
    START,
    STOP,
    WORDS,
    cut_where_it_was,
    opening,
    snippet,
)
from contexts.messaging.adapters.outbound.sqlalchemy.tables import search_messages
from contexts.messaging.ports.message_search import FoundMessage, IndexedMessage, SearchQuery
from infra.db.database import reading

_HEADLINE = f"StartSel={START}, StopSel={STOP}, MaxWords={WORDS}, MinWords={WORDS // 2}, ShortWord=0"
_WHOLE = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
"""For a short body, which ts_headline would otherwise still cut to a fragment around the matches."""

_TAG_OPENER = "\x05"
"""Stands in for "<" while ts_headline reads a body: its parser drops what looks like an HTML tag,
and the snippet must be the body's own text."""


class UnknownSearchLanguageError(ValueError):
    pass


class PostgresMessageSearch:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], language: str) -> None:
        self._sessions = sessions
        self._language = language
        self._checked = False

    async def index(self, messages: Sequence[tuple[IndexedMessage, int]]) -> None:
        if not messages:
            return
        await self._check_language()
        insert = postgresql.insert(search_messages).values(
            words=func.to_tsvector(self._config(), bindparam("words_of"))
        )
        statement = insert.on_conflict_do_update(
            index_elements=["message_id"],
            set_={column: insert.excluded[column] for column in [*CHANGING, "words"]},
            where=search_messages.c.revision <= insert.excluded.revision,
        )
        async with self._sessions() as db, db.begin():
            await db.execute(statement, [row | {"words_of": row["body"]} for row in rows(messages)])

    async def search(
        self,
        query: SearchQuery,
        *,
        conversation_ids: Collection[UUID],
        sent_before: datetime | None,
        offset: int,
        limit: int,
    ) -> list[FoundMessage]:
        terms: list[ColumnElement[Any]] = [
            *(func.plainto_tsquery(self._config(), word) for word in query.words),
            *(func.phraseto_tsquery(self._config(), " ".join(phrase)) for phrase in query.phrases),
        ]
        if not conversation_ids or (not terms and not query.sender_ids):
            return []
        await self._check_language()
        m = search_messages.c
        found = select(m.message_id, m.conversation_id, m.seq, m.sender_id, m.created_at, m.body)
        if not terms:  # only senders named: their messages, newest first
            page: Select[Any] = found.order_by(m.created_at.desc(), m.message_id)
            matched = None
        else:
            matched = reduce(lambda both, term: both.op("&&")(term), terms)
            page = found.where(m.words.op("@@")(matched)).order_by(
                func.ts_rank_cd(m.words, matched).desc(), m.created_at.desc(), m.message_id
            )
        page = scoped(page, query, conversation_ids, sent_before).offset(offset).limit(limit)
        async with reading(self._sessions) as db:
            results = (await db.execute(self._with_headlines(page, matched))).all()
        return [
            FoundMessage(
                message_id=row.message_id,
                conversation_id=row.conversation_id,
                seq=row.seq,
                sender_id=row.sender_id,
                created_at=row.created_at,
                snippet=opening(row.body)
                if matched is None
                else snippet(cut_where_it_was(row.marked.replace(_TAG_OPENER, "<"), row.body)),
            )
            for row in results
        ]

    async def clear(self) -> None:
        async with self._sessions() as db, db.begin():
            await db.execute(delete(search_messages))

    def _with_headlines(self, page: Select[Any], matched: ColumnElement[Any] | None) -> Select[Any]:
        """The page, each with its headline: made for the page alone, since it reads the whole body."""
        if matched is None:
            return page
        found = page.subquery()
        headline = func.ts_headline(
            self._config(),
            func.replace(found.c.body, "<", _TAG_OPENER),
            matched,
            case((func.length(found.c.body) <= SHOWN_WHOLE, _WHOLE), else_=_HEADLINE),
        )
        return select(*found.c, headline.label("marked"))

    def _config(self) -> ColumnElement[Any]:
        return cast(literal(self._language), REGCONFIG)

    async def _check_language(self) -> None:
        """Refuses a `SEARCH_LANGUAGE` this server has no configuration of, with the ones it has."""
        if self._checked:
            return
        async with reading(self._sessions) as db:
            known = set((await db.scalars(text("SELECT cfgname FROM pg_ts_config"))).all())
        if self._language not in known:
            raise UnknownSearchLanguageError(
                f"SEARCH_LANGUAGE {self._language!r} is no text search configuration of this"
                f" PostgreSQL; it has {', '.join(sorted(known))}"
            )
        self._checked = True
