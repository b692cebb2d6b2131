"""Gives every HTTP request a correlation id: the caller's `X-Correlation-ID`, or a fresh one.

The id is echoed in the response, so a client (or the gateway) can quote it when reporting a
problem, and it is set for the whole request, so every log line and every integration event
the request causes carries it. WebSocket connections pass through untouched: a connection
lives for hours, so the realtime context scopes each frame it handles instead.
"""

import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infra.observability.correlation import correlation_scope

HEADER = "X-Correlation-ID"

# Whatever a caller sends ends up in logs and headers; anything else is replaced.
_ACCEPTABLE = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class CorrelationIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        offered = Headers(scope=scope).get(HEADER)
        acceptable = offered if offered is not None and _ACCEPTABLE.fullmatch(offered) else None
        with correlation_scope(acceptable) as correlation_id:

            async def send_with_id(message: Message) -> None:
                if message["type"] == "http.response.start":
                    MutableHeaders(scope=message)[HEADER] = correlation_id
                await send(message)

            await self.app(scope, receive, send_with_id)
