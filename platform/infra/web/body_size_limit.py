"""Refuses a request body over the limit with a 413 problem, before anything holds it in memory.

No route takes more than a few kilobytes (a message body is at most 4000 characters), so a
larger body is a mistake or an attack either way. A client may declare the size of its body
or stream it in chunks; the first is refused at once, the second as soon as the chunks pass the
limit, so an endless upload costs the server no more than the limit.
"""

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infra.web.problems import problem_response, status_title

TOO_LARGE = 413


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._declared_size(scope) > self.max_bytes:
            response = problem_response(TOO_LARGE, status_title(TOO_LARGE), self._detail())
            await response(scope, receive, send)
            return
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised where the route reads its body, so the problem handlers answer it.
                    raise HTTPException(TOO_LARGE, self._detail())
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

    def _detail(self) -> str:
        return f"The request body is larger than {self.max_bytes} bytes."
