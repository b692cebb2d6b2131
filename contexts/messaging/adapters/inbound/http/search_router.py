"""The route of a message search, beside messaging's others (`router.py`), whose answers it shares."""

from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import AfterValidator, AwareDatetime

from contexts.messaging.adapters.inbound.http.router import FROM_READ_MODELS
from contexts.messaging.adapters.inbound.http.search_schemas import SearchResultList
from contexts.messaging.application.search_messages import SEARCH_DEPTH, SearchMessages
from contexts.messaging.application.search_text import SEARCH_TEXT_MAX_LENGTH, TERMS_MAX
from infra.limits.rate_limit import RateLimit
from infra.web.auth import CurrentPrincipal
from infra.web.paging import PageCursor, PageSize
from infra.web.rate_limited import RATE_LIMITED, rate_limited
from infra.web.responses import UNAUTHORIZED

_SEARCH_TEXT = (
    'Words (all must occur), "quoted phrases" (their words together, in order; an unclosed quote runs to'
    " the end) and `from:@username` (only that person's messages; several: anyone's of them), in any"
    f" case. At most {TERMS_MAX} words and `from:@username`s."
)


def _in_utc(moment: datetime) -> datetime:
    """Storage compares times in UTC; a time with an offset that puts it outside the years a time can
    hold (`0001-01-01T00:00:00+01:00`) is no time to search before."""
    try:
        return moment.astimezone(UTC)
    except OverflowError as error:
        raise ValueError("out of the range of times") from error


_Before = Annotated[
    AwareDatetime | None,
    AfterValidator(lambda moment: None if moment is None else _in_utc(moment)),
    Query(description="Only messages sent before this time: RFC 3339, with its offset or `Z`."),
]


def build_search_router(*, search_messages: SearchMessages, search_limit: RateLimit) -> APIRouter:
    router = APIRouter(tags=["messaging"])

    @router.get(
        "/api/v1/search/messages",
        dependencies=[rate_limited(search_limit)],
        summary="Search the messages of the conversations the caller takes part in, the best match first",
        description="Deleted messages are never found, edited ones by their new text; a member removed"
        " from a group finds none of its messages any more. Without `cursor`: the first page. With the"
        f" `next_cursor` of a page: the page after it, down to the best {SEARCH_DEPTH} matches. "
        + FROM_READ_MODELS,
        responses={
            **UNAUTHORIZED,
            404: {"description": "`conversation_id` names no conversation the caller takes part in"},
            422: {
                "description": "`q` leaves nothing to search for or holds too much, or `cursor` was not"
                " given by this search"
            },
            **RATE_LIMITED,
        },
    )
    async def search_messages_route(
        principal: CurrentPrincipal,
        q: Annotated[str, Query(min_length=1, max_length=SEARCH_TEXT_MAX_LENGTH, description=_SEARCH_TEXT)],
        conversation_id: Annotated[
            UUID | None, Query(description="Only this conversation's messages.")
        ] = None,
        before: _Before = None,
        limit: Annotated[PageSize, Query(description="At most this many results.")] = 20,
        cursor: PageCursor = None,
    ) -> SearchResultList:
        page = await search_messages(
            principal.user_id,
            q,
            conversation_id=conversation_id,
            sent_before=before,
            cursor=cursor,
            limit=limit,
        )
        return SearchResultList.of(page)

    return router
