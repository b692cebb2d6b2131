"""The contract of the message search index, run against each adapter over a real database: FTS5 on
SQLite and full text on PostgreSQL (in `english`). MongoDB has none: the MongoDB-protocol server the
tests run creates no text index (ADR 36)."""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest

from contexts.messaging.adapters.outbound.sqlalchemy import sqlite_message_search, tables
from contexts.messaging.adapters.outbound.sqlalchemy.message_search import message_search
from contexts.messaging.adapters.outbound.sqlalchemy.postgres_message_search import (
    PostgresMessageSearch,
    UnknownSearchLanguageError,
)
from contexts.messaging.ports.message_search import (
    FoundMessage,
    IndexedMessage,
    MessageSearch,
    SearchQuery,
    SnippetPart,
)
from infra.db.database import Database
from kernel.ids import new_id

ALICE, BOB = new_id(), new_id()
HERE, THERE = new_id(), new_id()
AT = datetime(2026, 12, 1, 12, tzinfo=UTC)


@pytest.fixture
def search(database: Database) -> MessageSearch:
    return message_search(database.sessions, "english")


def said(
    body: str,
    *,
    minute: int = 0,
    sender: UUID = ALICE,
    conversation: UUID = HERE,
    id: UUID | None = None,
    deleted: bool = False,
) -> IndexedMessage:
    return IndexedMessage(
        id=id or new_id(),
        conversation_id=conversation,
        seq=minute + 1,
        sender_id=sender,
        body=body,
        created_at=AT + timedelta(minutes=minute),
        deleted=deleted,
    )


async def indexed(search: MessageSearch, *messages: IndexedMessage) -> list[IndexedMessage]:
    """Each at revision 1, in one batch."""
    await search.index([(message, 1) for message in messages])
    return list(messages)


def words(*typed: str, senders: Sequence[UUID] = ()) -> SearchQuery:
    return SearchQuery(words=typed, phrases=(), sender_ids=tuple(senders))


def phrase(typed: str) -> SearchQuery:
    return SearchQuery(words=(), phrases=(tuple(typed.split()),))


async def found(
    search: MessageSearch,
    query: SearchQuery,
    *,
    conversations: Sequence[UUID] = (HERE, THERE),
    sent_before: datetime | None = None,
    offset: int = 0,
    limit: int = 50,
) -> list[FoundMessage]:
    return await search.search(
        query, conversation_ids=conversations, sent_before=sent_before, offset=offset, limit=limit
    )


async def ids(search: MessageSearch, query: SearchQuery, **scope: object) -> list[UUID]:
    return [message.message_id for message in await found(search, query, **scope)]  # type: ignore[arg-type]


async def test_finds_the_messages_holding_every_word_in_any_order(search: MessageSearch) -> None:
    both, fox_only, _neither = await indexed(
        search, said("the quick brown fox"), said("a fox"), said("nothing to see")
    )

    assert set(await ids(search, words("fox"))) == {both.id, fox_only.id}
    assert await ids(search, words("fox", "quick")) == [both.id]
    assert await ids(search, words("wolf")) == []


async def test_a_phrase_is_its_words_together_in_order(search: MessageSearch) -> None:
    together, reversed_, apart = await indexed(
        search, said("a quick fox ran"), said("the fox quick"), said("quick brown fox")
    )

    assert await ids(search, phrase("quick fox")) == [together.id]
    assert await ids(search, phrase("fox quick")) == [reversed_.id]
    assert set(await ids(search, words("quick", "fox"))) == {together.id, reversed_.id, apart.id}


async def test_only_the_senders_named(search: MessageSearch) -> None:
    alices, bobs = await indexed(search, said("hello there"), said("hello back", sender=BOB, minute=1))

    assert await ids(search, words("hello", senders=[BOB])) == [bobs.id]
    assert await ids(search, words("hello", senders=[ALICE, BOB])) == [bobs.id, alices.id]


async def test_a_sender_alone_finds_their_messages_newest_first_from_their_start(
    search: MessageSearch,
) -> None:
    older, newer, _ = await indexed(
        search, said("first words", minute=1), said("x" * 500, minute=2), said("hi", sender=BOB, minute=3)
    )

    results = await found(search, words(senders=[ALICE]))

    assert [result.message_id for result in results] == [newer.id, older.id]
    assert results[1].snippet == (SnippetPart("first words", False),)
    assert results[0].snippet[0].text.endswith("…")
    assert not results[0].snippet[0].highlighted


async def test_only_the_conversations_named(search: MessageSearch) -> None:
    here, there = await indexed(search, said("meeting at noon"), said("meeting later", conversation=THERE))

    assert await ids(search, words("meeting"), conversations=[THERE]) == [there.id]
    assert await ids(search, words("meeting"), conversations=[HERE]) == [here.id]
    assert await ids(search, words("meeting"), conversations=[]) == []
    assert await ids(search, words("meeting"), conversations=[new_id()]) == []


async def test_case_does_not_matter(search: MessageSearch) -> None:
    (shouted,) = await indexed(search, said("HELLO World"))

    assert await ids(search, words("hello", "wORLD")) == [shouted.id]


async def test_diacritics_do_not_matter_on_sqlite_and_do_in_english_on_postgresql(
    search: MessageSearch, database_kind: str
) -> None:
    (accented,) = await indexed(search, said("un café crème"))

    folded = await ids(search, words("cafe", "CREME"))

    assert folded == ([accented.id] if database_kind == "sqlite" else [])
    assert await ids(search, words("Café")) == [accented.id]


async def test_words_are_stemmed_only_by_postgresql_in_english(
    search: MessageSearch, database_kind: str
) -> None:
    (running,) = await indexed(search, said("the foxes were running"))

    stemmed = await ids(search, words("fox", "run"))

    assert stemmed == ([running.id] if database_kind == "postgresql" else [])
    assert await ids(search, words("foxes", "running")) == [running.id]


async def test_the_best_match_first_then_the_newest(search: MessageSearch) -> None:
    once, twice, once_later = await indexed(
        search,
        said("fox jumps over the lazy dog", minute=1),
        said("fox jumps over the fox dog", minute=2),
        said("fox jumps over the lazy dog", minute=3),
    )

    assert await ids(search, words("fox")) == [twice.id, once_later.id, once.id]


async def test_a_snippet_highlights_the_matches_in_the_bodys_own_text(search: MessageSearch) -> None:
    short = 'The quick brown fox, <b>jumps</b> & the "lazy" dog\'s *over*.'
    long = (
        " ".join(f"word{number}" for number in range(100))
        + " the fox is here "
        + " ".join(f"more{number}" for number in range(100))
    )
    messages = await indexed(search, said(short, minute=1), said(long, minute=2))
    bodies = {message.id: message.body for message in messages}

    for result in await found(search, words("fox")):
        body = bodies[result.message_id]
        highlighted = [part.text for part in result.snippet if part.highlighted]
        assert [text.lower() for text in highlighted] == ["fox"]
        shown = "".join(part.text for part in result.snippet)
        assert shown.strip("…") in body
        assert shown.startswith("…") == (body == long)
        assert shown.endswith("…") == (body == long)


async def test_a_phrases_words_are_highlighted(search: MessageSearch) -> None:
    await indexed(search, said("say the quick fox twice"))

    (result,) = await found(search, phrase("quick fox"))

    assert "".join(part.text for part in result.snippet if part.highlighted).replace(" ", "") == "quickfox"


async def test_an_older_revision_told_later_changes_nothing(search: MessageSearch) -> None:
    message = said("the new text")
    await search.index([(message, 2)])
    await search.index([(said("the old text", id=message.id), 1)])

    assert await ids(search, words("new")) == [message.id]
    assert await ids(search, words("old")) == []


async def test_an_edit_is_found_by_its_new_text_and_not_the_old(search: MessageSearch) -> None:
    message = said("the old text")
    await search.index([(message, 1)])
    await search.index([(said("the new text", id=message.id), 2)])

    assert await ids(search, words("new")) == [message.id]
    assert await ids(search, words("old")) == []


async def test_the_newest_of_a_batch_that_tells_a_message_twice(search: MessageSearch) -> None:
    message = said("the old text")
    await search.index([(said("the new text", id=message.id), 2), (message, 1)])

    assert await ids(search, words("new")) == [message.id]
    assert await ids(search, words("text")) == [message.id]


async def test_a_deleted_message_is_never_found_again(search: MessageSearch) -> None:
    message = said("secret plans")
    await search.index([(message, 1)])
    await search.index([(said("", id=message.id, deleted=True), 3)])
    await search.index([(said("secret plans again", id=message.id), 2)])

    assert await ids(search, words("secret")) == []
    assert await ids(search, words(senders=[ALICE])) == []


async def test_pages_by_offset(search: MessageSearch) -> None:
    messages = await indexed(search, *(said(f"note {minute}", minute=minute) for minute in range(5)))
    newest_first = [message.id for message in reversed(messages)]

    pages = [await ids(search, words("note"), offset=offset, limit=2) for offset in (0, 2, 4, 6)]

    assert pages == [newest_first[0:2], newest_first[2:4], newest_first[4:], []]


async def test_only_messages_sent_before(search: MessageSearch) -> None:
    early, _ = await indexed(search, said("lunch", minute=1), said("lunch again", minute=2))

    assert await ids(search, words("lunch"), sent_before=AT + timedelta(minutes=2)) == [early.id]


HOSTILE = (
    '"',
    "'",
    "*",
    "(",
    "NEAR(",
    "-",
    ":",
    "^",
    "OR",
    "AND NOT",
    "body:",
    '" OR 1=1 --',
    "'; DROP TABLE messaging_search_messages; --",
    "a\\",
    "🦊",
    "{x y}",
)


@pytest.mark.parametrize("typed", HOSTILE)
async def test_what_a_person_types_is_never_query_syntax(search: MessageSearch, typed: str) -> None:
    await indexed(search, said("an innocent message"))

    for query in (words(typed), words(typed, "innocent"), phrase(f"{typed} message")):
        await found(search, query)  # answers, whatever it finds

    assert await ids(search, words("innocent")) != []


async def test_operators_and_quotes_are_looked_for_as_text(search: MessageSearch) -> None:
    (message,) = await indexed(search, said("""NEAR(fox -baz: "bar*" it's; DROP TABLE now"""))

    for typed in ("NEAR(fox", "-baz:", '"bar*"', "bar*", "DROP", "table;"):
        assert await ids(search, words(typed)) == [message.id], typed
    assert await ids(search, phrase("fox -baz")) == [message.id]


async def test_nothing_to_look_for_finds_nothing(search: MessageSearch) -> None:
    await indexed(search, said("some text"))

    assert await ids(search, words('"', "*")) == []
    assert await ids(search, SearchQuery(words=(), phrases=())) == []


async def test_clear_forgets_every_message(search: MessageSearch) -> None:
    message = said("remember me")
    await search.index([(message, 2)])

    await search.clear()

    assert await ids(search, words("remember")) == []
    await search.index([(said("told again", id=message.id), 1)])
    assert await ids(search, words("told")) == [message.id]


async def test_postgresql_refuses_a_language_it_has_no_configuration_of(postgres_url: str) -> None:
    database = Database(postgres_url)
    await tables.migrations.upgrade(database.engine)
    search = PostgresMessageSearch(database.sessions, "klingon")
    try:
        with pytest.raises(UnknownSearchLanguageError, match=r"'klingon'.*english"):
            await found(search, words("qapla"))
        with pytest.raises(UnknownSearchLanguageError):
            await search.index([(said("Qapla'"), 1)])
    finally:
        await database.dispose()


async def test_sqlite_ranks_the_newest_matches_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/search.db")
    await tables.migrations.upgrade(database.engine)
    monkeypatch.setattr(sqlite_message_search, "RANKED", 2)
    search = sqlite_message_search.SqliteMessageSearch(database.sessions)
    try:
        _best, newer, newest = await indexed(
            search, said("fox fox fox", minute=1), said("fox and more", minute=2), said("fox too", minute=3)
        )

        assert await ids(search, words("fox")) == [newest.id, newer.id]
        assert await ids(search, words("fox"), offset=2) == []
    finally:
        await database.dispose()
