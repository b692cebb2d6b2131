"""The search index of messages: a read model of messaging's events, built for full-text search.

Like the other read models it keeps, per message, only the highest revision it was told, so events
may arrive twice, late or out of order. It answers only from the conversations a search names:
who may read which conversation is the caller's business (the conversations read model), not the
index's.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID


@dataclass(frozen=True)
class SearchQuery:
    """What a person typed, parsed: every word and phrase must occur (in any order between them)."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    """Each phrase's words, which must occur together in that order."""
    sender_ids: tuple[UUID, ...] = ()
    """When not empty, only messages of these senders (`from:@username`)."""


@dataclass(frozen=True)
class IndexedMessage:
    """A message as the index is told it; a deleted one comes with `deleted` and an empty body."""

    id: UUID
    conversation_id: UUID
    seq: int
    sender_id: UUID
    body: str
    created_at: datetime
    deleted: bool


@dataclass(frozen=True)
class SnippetPart:
    text: str
    highlighted: bool
    """Whether the text matched the query."""


@dataclass(frozen=True)
class FoundMessage:
    message_id: UUID
    conversation_id: UUID
    seq: int
    sender_id: UUID
    created_at: datetime
    snippet: tuple[SnippetPart, ...]
    """The part of the body around the matches, the matches highlighted; the parts' text joined is
    a substring of the body, with an ellipsis ("…") where it was cut."""


class MessageSearch(Protocol):
    async def index(self, messages: Sequence[tuple[IndexedMessage, int]]) -> None:
        """Store each message with its revision, unless a higher revision of it is stored. A deleted
        message is never found again."""
        ...

    async def search(
        self,
        query: SearchQuery,
        *,
        conversation_ids: Collection[UUID],
        sent_before: datetime | None,
        offset: int,
        limit: int,
    ) -> list[FoundMessage]:
        """Up to `limit` messages of `conversation_ids` that match, skipping the first `offset`: the
        best match first, ties newest first. `sent_before`: only messages created before it."""
        ...

    async def clear(self) -> None:
        """Forget every message, before a rebuild tells them all again."""
        ...
