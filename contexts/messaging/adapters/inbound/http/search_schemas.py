"""The JSON of a message search."""

from datetime import datetime
from typing import Self
from uuid import UUID

from pydantic import BaseModel, Field

from contexts.messaging.application.search_messages import SearchPage
from contexts.messaging.ports.message_search import FoundMessage


class SnippetPart(BaseModel):
    text: str
    highlighted: bool = Field(description="Whether the text matched the search.")


class SearchResult(BaseModel):
    conversation_id: UUID
    message_id: UUID
    seq: int
    sender_id: UUID
    created_at: datetime
    snippet: list[SnippetPart] = Field(
        description="The part of the body around the matches, in order: the parts' text joined is the"
        " body or a piece of it, with an ellipsis (…) where it was cut."
    )

    @classmethod
    def of(cls, found: FoundMessage) -> Self:
        return cls.model_validate(found, from_attributes=True)


class SearchResultList(BaseModel):
    items: list[SearchResult] = Field(description="The best match first, ties newest first.")
    next_cursor: str | None = Field(
        description="Pass it as `cursor` for the next page; null on the last page. Opaque."
    )

    @classmethod
    def of(cls, page: SearchPage) -> Self:
        return cls(items=[SearchResult.of(found) for found in page.items], next_cursor=page.next_cursor)
