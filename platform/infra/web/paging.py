"""The query parameters of a list read a page at a time.

Each route names what it counts, which FastAPI merges with the bounds here:
`limit: Annotated[PageSize, Query(description="At most this many groups.")] = 50`.
"""

from typing import Annotated

from fastapi import Query

from infra.web.responses import Responses

PageSize = Annotated[int, Query(ge=1, le=100)]
"""How many items a page may hold at most."""

PageCursor = Annotated[str | None, Query(max_length=200, description="The `next_cursor` of the page before.")]
"""Where the page starts: none for the first, the `next_cursor` of the page before for the next."""

UNKNOWN_CURSOR: Responses = {422: {"description": "`cursor` was not given by this list"}}
