"""Headers every answer carries so that a browser confines what it shows, and redirects that name
no host.

The API's answers are data, never pages: their policy lets a browser load nothing from them and
frame them nowhere. The web client's pages set a policy of their own (`web_client`), and so do
the API's interactive docs, whose page loads Swagger UI from its CDN with an inline script.
A redirect's `Location` is cut to its path: built from the request's `Host` header, a full URL
would send a browser wherever a forged header pointed.
"""

from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_POLICY = "default-src 'none'; frame-ancestors 'none'"
DOCS_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src https://cdn.jsdelivr.net; img-src https://fastapi.tiangolo.com data:; "
    "connect-src 'self'; frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, docs_path: str | None) -> None:
        self.app = app
        self.docs_path = docs_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_POLICY if scope["path"] == self.docs_path else API_POLICY

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", policy)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                if "location" in headers:
                    headers["location"] = _path_only(headers["location"])
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _path_only(location: str) -> str:
    parts = urlsplit(location)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
