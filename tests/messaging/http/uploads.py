"""The upload routes as a client calls them."""

from typing import Any

import httpx

from tests.api import User

UPLOADS = "/api/v1/uploads"


async def upload(
    user: User | httpx.AsyncClient,
    content: bytes,
    filename: str = "file.bin",
    content_type: str = "image/png",
) -> httpx.Response:
    """`content_type` is what the client claims, which the server ignores."""
    client = user if isinstance(user, httpx.AsyncClient) else user.client
    return await client.post(UPLOADS, files={"file": (filename, content, content_type)})


async def uploaded(user: User, content: bytes, filename: str = "file.bin") -> str:
    response = await upload(user, content, filename)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def attachable(user: User, content: bytes, filename: str = "file.bin") -> dict[str, Any]:
    """A file `user` uploaded, as the upload route answered it: what a message it is posted with shows."""
    response = await upload(user, content, filename)
    assert response.status_code == 201, response.text
    answer: dict[str, Any] = response.json()
    return answer
