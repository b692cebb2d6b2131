"""The baseline: a minimal broadcast server written directly on the application's WebSocket stack.

FastAPI WebSockets on uvicorn with `chat serve`'s server options, and nothing else: no accounts,
no storage, no events. A socket joins by sending `{"type": "auth", "token": USER_ID}` and gets
`ready`; `POST /broadcast` sends a `message.created` frame to every socket of the users it names.
Whatever the chat adds on top of this floor (authentication, the write path, the outbox, the relay,
the consumers, the fan-out) shows as its distance from it, so every figure is also read as a ratio.

Run as `python -m bench.baseline`, on `HOST` and `PORT` as `chat serve`; the benchmark starts it as
a process of its own so that its CPU is not the load generator's.
"""

import json
from collections import defaultdict
from datetime import UTC, datetime
from uuid import uuid4

import uvicorn
from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from pydantic import BaseModel

from runtime.cli import server_options
from runtime.settings import Settings


class Broadcast(BaseModel):
    recipient_ids: list[str]
    client_message_id: str
    body: str


def broadcast_server() -> FastAPI:
    app = FastAPI()
    sockets: defaultdict[str, set[WebSocket]] = defaultdict(set)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/broadcast", status_code=201)
    async def broadcast(message: Broadcast) -> dict[str, str]:
        # The frame carries what the chat's `message.created` carries, so both cost the same to encode.
        frame = json.dumps(
            {
                "type": "message.created",
                "data": {
                    "id": str(uuid4()),
                    "client_message_id": message.client_message_id,
                    "body": message.body,
                    "created_at": datetime.now(UTC).isoformat(),
                },
            }
        )
        for user_id in message.recipient_ids:
            for socket in list(sockets.get(user_id, ())):
                await socket.send_text(frame)
        return {"client_message_id": message.client_message_id}

    @app.websocket("/ws")
    async def join(socket: WebSocket) -> None:
        await socket.accept()
        user_id = str((await socket.receive_json())["token"])
        sockets[user_id].add(socket)
        try:
            await socket.send_json({"type": "ready", "user_id": user_id})
            while True:
                await socket.receive_text()
        except WebSocketDisconnect:
            pass
        finally:
            sockets[user_id].discard(socket)

    return app


def main() -> None:
    settings = Settings()
    uvicorn.run(broadcast_server(), host=settings.host, port=settings.port, **server_options(settings))


if __name__ == "__main__":
    main()
