"""The built web client, served beside the API by the process that holds every context.

The client is a static export (`web/out`), so serving it is serving files. Paths the API owns
never fall through to it: an unknown API path answers a 404 problem, not an HTML page, and a
WebSocket to an unknown path is closed, as it would be without the client.

Each page carries a Content-Security-Policy that allows scripts from this origin and, of inline
ones, exactly those the page was built with, by their hashes: Next.js writes a few inline scripts
into every page, and `'unsafe-inline'` would let an injected one run as well. Images may also be
`blob:` URLs: attachments are fetched with the session's token and shown through object URLs.
"""

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocketClose

_API_PATHS = ("api/", ".well-known/", "ws", "docs", "redoc", "openapi.json", "metrics")
"""Paths of the API, the API's docs and its metrics: the last two may be switched off or moved by
settings, and then answer 404 problems as any path of the API would, not the client's page."""
# Next.js names these files after their content: a new build gets new names, so they never change.
_CONTENT_ADDRESSED = "_next/static/"
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)


class WebClientFiles(StaticFiles):
    def __init__(self, directory: str) -> None:
        super().__init__(directory=directory, html=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await WebSocketClose()(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    async def get_response(self, path: str, scope: Scope) -> Response:
        if path.startswith(_API_PATHS):
            raise HTTPException(status_code=404)
        response = await super().get_response(path, scope)
        if path.startswith(_CONTENT_ADDRESSED) and response.status_code == 200:
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        if isinstance(response, FileResponse) and str(response.path).endswith(".html"):
            modified = response.stat_result.st_mtime if response.stat_result else None
            response.headers["Content-Security-Policy"] = page_policy(Path(response.path), modified)
        return response


@cache
def page_policy(page: Path, modified: float | None) -> str:
    """The policy of one built page, as it was at `modified`: a rebuild gets policies of its own."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(page.read_bytes())
    )
    return (
        f"default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )
