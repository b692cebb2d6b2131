"""Search the messages a person may read: those of the conversations they take part in now.

Who takes part is read from the read models' participants, as every query of messaging is, so
a member removed from a group stops finding its messages as soon as its conversation shows them
gone. The index itself knows nothing of readers: it answers only from the conversations a
search names. Pages follow one another by offset into the ranking, which a cursor carries; a
search goes only so deep (SEARCH_DEPTH), as each page further costs the index more than the last.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from contexts.messaging.application.search_text import search_text
from contexts.messaging.domain.errors import ConversationNotFoundError
from contexts.messaging.ports.message_search import FoundMessage, MessageSearch, SearchQuery
from contexts.messaging.ports.read_model_store import Participations
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.cursor import cursor_of, key_of, not_a_cursor

SEARCH_DEPTH = 1000
"""The best matches a search pages through at most; a narrower search finds the ones beyond."""


@dataclass(frozen=True)
class SearchPage:
    items: list[FoundMessage]
    """The best match first, ties newest first."""
    next_cursor: str | None
    """Where the next page starts; None on the last page."""


_NOTHING_FOUND = SearchPage(items=[], next_cursor=None)


class SearchMessages:
    def __init__(
        self,
        unit_of_work: Callable[[], MessagingUnitOfWork],
        participations: Participations,
        search: MessageSearch,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._participations = participations
        self._search = search

    async def __call__(
        self,
        reader_id: UUID,
        text: str,
        *,
        conversation_id: UUID | None,
        sent_before: datetime | None,
        cursor: str | None,
        limit: int,
    ) -> SearchPage:
        """A page of the messages matching `text` that `reader_id` may read, in `conversation_id`
        only if given (ConversationNotFoundError if they take no part in it)."""
        typed = search_text(text)
        offset = _offset(cursor)
        readable = await self._participations.conversation_ids_of(str(reader_id))
        if conversation_id is not None:
            if str(conversation_id) not in readable:
                raise ConversationNotFoundError()
            readable = {str(conversation_id)}
        sender_ids: tuple[UUID, ...] = ()
        if typed.usernames:
            async with self._unit_of_work() as uow:
                sender_ids = tuple((await uow.known_users.ids_of(typed.usernames)).values())
            if not sender_ids:
                return _NOTHING_FOUND  # nobody goes by those names: nothing of theirs to find
        if not readable:
            return _NOTHING_FOUND
        # One more than asked for tells whether there are more.
        found = await self._search.search(
            SearchQuery(words=typed.words, phrases=typed.phrases, sender_ids=sender_ids),
            conversation_ids=[UUID(readable_id) for readable_id in readable],
            sent_before=sent_before,
            offset=offset,
            limit=min(limit + 1, SEARCH_DEPTH - offset),
        )
        more = len(found) > limit
        return SearchPage(items=found[:limit], next_cursor=cursor_of((offset + limit,)) if more else None)


def _offset(cursor: str | None) -> int:
    if cursor is None:
        return 0
    (offset,) = key_of(cursor, (int,))
    if not isinstance(offset, int) or not 0 < offset < SEARCH_DEPTH:
        raise not_a_cursor()
    return offset
