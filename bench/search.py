"""The search scenario: each search index filled with a million messages, then searched by a person
in 50 conversations for common words, rare words and phrases.

It measures the adapters over their databases, not a target: SQLite in a file of its own, and
PostgreSQL in a throwaway cluster (`devstack`). Bodies are drawn from a vocabulary of made-up words
whose frequencies follow Zipf's law, as words of real text do, so that a common word is in a large
share of the messages and a rare one in a few.
"""

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import func, select, text

from contexts.messaging.adapters.outbound.sqlalchemy import tables
from contexts.messaging.adapters.outbound.sqlalchemy.message_search import message_search
from contexts.messaging.ports.message_search import IndexedMessage, MessageSearch, SearchQuery
from devstack import recipes
from devstack.databases import fresh_database
from infra.db.database import Database
from kernel.ids import new_id

_SYLLABLES = [consonant + vowel for consonant in "bdfgklmnprstvz" for vowel in "aeiou"]
_BATCH = 10_000
"""Messages indexed per call, each call one transaction: as a projector's large batches during a rebuild."""

_FIRST_SENT = datetime(2026, 1, 1, tzinfo=UTC)
_KINDS = ("common word", "rare word", "two words", "phrase")


@dataclass(frozen=True)
class SearchLoad:
    messages: int
    conversations: int
    vocabulary: int
    member_of: int
    searches: int
    """Searches of each kind, timed one after the other."""


class _Corpus:
    """The made-up messages, drawn as they are indexed, and what a search may look for in them."""

    def __init__(self, load: SearchLoad) -> None:
        self._random = random.Random(17)
        words: list[str] = []
        seen: set[str] = set()
        while len(words) < load.vocabulary:
            word = "".join(self._random.choices(_SYLLABLES, k=self._random.randint(2, 4)))
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        self._weights = list(accumulate(1 / rank for rank in range(1, load.vocabulary + 1)))
        self.conversation_ids = [new_id() for _ in range(load.conversations)]
        self._senders = [new_id() for _ in range(load.conversations * 5)]
        self._seqs = dict.fromkeys(self.conversation_ids, 0)
        self._sent = 0
        self.pairs: list[tuple[str, str]] = []
        """Two words next to each other in some message: phrases that are found."""

    def messages(self, count: int) -> list[tuple[IndexedMessage, int]]:
        drawn = []
        for _ in range(count):
            conversation_id = self._random.choice(self.conversation_ids)
            self._seqs[conversation_id] += 1
            self._sent += 1
            body = self._random.choices(self.words, cum_weights=self._weights, k=self._random.randint(3, 20))
            if self._random.random() < 0.001:
                self.pairs.append((body[0], body[1]))
            message = IndexedMessage(
                id=new_id(),
                conversation_id=conversation_id,
                seq=self._seqs[conversation_id],
                sender_id=self._random.choice(self._senders),
                body=" ".join(body),
                created_at=_FIRST_SENT + timedelta(seconds=self._sent),
                deleted=False,
            )
            drawn.append((message, 1))
        return drawn

    def query(self, kind: str) -> SearchQuery:
        rank = self._random.randrange
        if kind == "common word":
            return SearchQuery(words=(self.words[rank(10)],), phrases=())
        if kind == "rare word":
            return SearchQuery(words=(self.words[rank(len(self.words) // 2, len(self.words))],), phrases=())
        if kind == "two words":
            return SearchQuery(words=(self.words[rank(10)], self.words[rank(100, 500)]), phrases=())
        return SearchQuery(words=(), phrases=(self._random.choice(self.pairs),))

    def person(self, member_of: int) -> list[UUID]:
        return self._random.sample(self.conversation_ids, member_of)


async def search(load: SearchLoad, workdir: Path, progress: Callable[[str], None]) -> dict[str, Any]:
    """Fills and searches the SQLite index, then PostgreSQL's."""
    measured = {}
    database = Database(f"sqlite+aiosqlite:///{workdir / 'search.db'}")
    try:
        measured["sqlite"] = await _measure(database, load, progress)
        measured["sqlite"]["database_bytes"] = (workdir / "search.db").stat().st_size
    finally:
        await database.dispose()
    async with recipes.running("postgres", recipes.postgres) as server, fresh_database(server.url) as url:
        database = Database(url)
        try:
            measured["postgresql"] = await _measure(database, load, progress)
            async with database.sessions() as db:
                measured["postgresql"]["database_bytes"] = await db.scalar(
                    select(func.pg_total_relation_size(text("'messaging_search_messages'")))
                )
        finally:
            await database.dispose()
    return measured


async def _measure(database: Database, load: SearchLoad, progress: Callable[[str], None]) -> dict[str, Any]:
    await tables.migrations.upgrade(database.engine)
    index = message_search(database.sessions, "english")
    corpus = _Corpus(load)
    started = time.perf_counter()
    for start in range(0, load.messages, _BATCH):
        await index.index(corpus.messages(min(_BATCH, load.messages - start)))
    filled = time.perf_counter() - started
    progress(f"{database.engine.dialect.name}: {load.messages} messages indexed in {filled:.0f} s")
    searches = {kind: await _timed(index, corpus, kind, load) for kind in _KINDS}
    return {"messages_indexed_per_second": round(load.messages / filled), "searches": searches}


async def _timed(index: MessageSearch, corpus: _Corpus, kind: str, load: SearchLoad) -> dict[str, Any]:
    """Each search by a person of its own, for one page of 20 results."""
    took, found = [], []
    for _ in range(load.searches + 2):
        query, conversations = corpus.query(kind), corpus.person(load.member_of)
        started = time.perf_counter()
        results = await index.search(
            query, conversation_ids=conversations, sent_before=None, offset=0, limit=20
        )
        took.append((time.perf_counter() - started) * 1000)
        found.append(len(results))
    took = took[2:]  # the first two warm the caches
    percentiles = statistics.quantiles(took, n=100, method="inclusive")
    return {
        "p50_ms": round(percentiles[49], 2),
        "p99_ms": round(percentiles[98], 2),
        "max_ms": round(max(took), 2),
        "mean_results": round(statistics.fmean(found), 1),
    }


def search_lines(measured: dict[str, Any]) -> list[str]:
    lines = []
    for database, figures in measured.items():
        lines.append(
            f"search, {database}: {figures['messages_indexed_per_second']} messages indexed/s,"
            f" {figures['database_bytes'] / 2**20:.0f} MiB"
        )
        lines.extend(
            f"  {kind}: p50 {timing['p50_ms']:.1f} ms, p99 {timing['p99_ms']:.1f},"
            f" max {timing['max_ms']:.1f}; {timing['mean_results']:g} results per page"
            for kind, timing in figures["searches"].items()
        )
    return lines
