"""Rate limits on HTTP routes, per authenticated caller, applied before the route does any work."""

from typing import Any

from fastapi import Depends

from infra.limits.rate_limit import RateLimit
from infra.web.auth import CurrentPrincipal
from infra.web.responses import Responses

RATE_LIMITED: Responses = {
    429: {"description": "The caller made too many such requests; try again after `Retry-After` seconds"}
}
"""The answer to document on each route that `rate_limited` guards (`openapi` adds its shape and header)."""


def rate_limited(limit: RateLimit) -> Any:
    """A route dependency taking a token from the caller's bucket in `limit`; a 429 problem if it is empty."""

    async def take_token(principal: CurrentPrincipal) -> None:
        await limit.take(str(principal.user_id))

    return Depends(take_token)
