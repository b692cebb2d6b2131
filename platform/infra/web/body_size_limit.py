"""Refuses a request body over the limit with a 413 problem, before anything holds it in memory.

Most routes take no more than a few kilobytes (a message body is at most 4000 characters), so a
larger body is a mistake or an attack either way; the few that take more (a file's upload) are
given larger limits of their own, by path, which hold them the same way. A client may declare the
size of its body or stream it in chunks; the first is refused at once, the second as soon as the
chunks pass the limit, so an endless upload costs the server no more than the limit.
"""

from collections.abc import Mapping

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infra.web.problems import problem_response, status_title

TOO_LARGE = 413


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int, larger: Mapping[str, int] | None = None) -> None:
        """`larger`: the limits of the paths that take larger bodies than `max_bytes`."""
        self.app = app
        self.max_bytes = max_bytes
        self.larger = larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self.larger.get(scope["path"], self.max_bytes)
        if self._declared_size(scope) > max_bytes:
            response = problem_response(TOO_LARGE, status_title(TOO_LARGE), _detail(max_bytes))
            await response(scope, receive, send)
            return
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    # Raised where the route reads its body, so the problem handlers answer it.
                    raise HTTPException(TOO_LARGE, _detail(max_bytes))
            return message

        await self.app(scope, receive_within_limit, send)

    def _declared_size(self, scope: Scope) -> int:
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    return int(value)
                except ValueError:
                    return 0  # the server refuses a malformed length itself
        return 0


def _detail(max_bytes: int) -> str:
    return f"The request body is larger than {max_bytes} bytes."
