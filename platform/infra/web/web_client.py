"""The built web client, served beside the API by the process that holds every context.

The client is a static export (`web/out`), so serving it is serving files. Paths the API owns
never fall through to it: an unknown API path answers a 404 problem, not an HTML page, and a
WebSocket to an unknown path is closed, as it would be without the client.
"""

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocketClose

_API_PATHS = ("api/", ".well-known/", "ws")
# Next.js names these files after their content: a new build gets new names, so they never change.
_CONTENT_ADDRESSED = "_next/static/"


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
        return response
