"""Message search as a client calls it."""

from typing import Any

import httpx

from tests.api import User
from tests.eventually import eventually

SEARCH = "/api/v1/search/messages"


async def search(user: User | httpx.AsyncClient, q: str, **params: Any) -> httpx.Response:
    client = user if isinstance(user, httpx.AsyncClient) else user.client
    return await client.get(SEARCH, params={"q": q, **params})


async def found(user: User, q: str, **params: Any) -> list[str]:
    """The ids of the messages a search finds, on its first page."""
    response = await search(user, q, **params)
    assert response.status_code == 200, response.text
    return [item["message_id"] for item in response.json()["items"]]


async def found_at_last(user: User, q: str, expected: set[str], **params: Any) -> None:
    """Waits until the search finds `expected`, in whatever order it ranks them: the index hears of a
    message shortly after its send."""

    async def finds() -> None:
        assert set(await found(user, q, **params)) == expected

    await eventually(finds)
