"""The socket's life: authenticate within the time allowed, run the session, close with a documented code.

The frame size limit and the protocol pings that find dead peers are the server's
(`chat serve` configures them, see runtime.cli), so an oversized frame or a vanished peer
reaches this code as an ordinary disconnect.
"""

import asyncio
import contextlib
import logging
from uuid import UUID

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from contexts.realtime.adapters.inbound.websocket.client_frames import (
    AuthFrame,
    ClientFrame,
    ErrorCode,
    PingFrame,
    RefusedFrameError,
    ResumeFrame,
    TypingFrame,
    read_client_frame,
)
from contexts.realtime.adapters.inbound.websocket.socket_client import SocketClient
from contexts.realtime.application.session import Session, Sessions
from contexts.realtime.domain.errors import NotAParticipantError
from infra.observability.correlation import correlation_scope
from infra.web.auth import KeysUnavailableError, TokenVerifier
from kernel.errors import AuthenticationError

log = logging.getLogger(__name__)

NOT_AUTHENTICATED = 4401
TOO_SLOW = 4429
TRY_AGAIN_LATER = 1013
INTERNAL_ERROR = 1011


def build_websocket_router(sessions: Sessions, auth_timeout_seconds: float) -> APIRouter:
    router = APIRouter()

    @router.websocket("/ws")
    async def connect(websocket: WebSocket) -> None:
        await websocket.accept()
        try:
            user_id = await _authenticate(websocket, auth_timeout_seconds)
        except WebSocketDisconnect:
            return
        except KeysUnavailableError:
            await _close(websocket, TRY_AGAIN_LATER, "access tokens cannot be verified now")
            return
        if user_id is None:
            await _close(websocket, NOT_AUTHENTICATED, "not authenticated")
            return
        client = SocketClient(websocket)
        try:
            async with sessions.open(user_id, client) as session:
                too_slow = await _serve(websocket, session, client)
        except WebSocketDisconnect:
            return  # the client left while frames were being sent to it
        except Exception:
            log.exception("the socket of user %s failed", user_id)
            await _close(websocket, INTERNAL_ERROR, "internal error; reconnect and resume")
            return
        if too_slow:
            await _close(websocket, TOO_SLOW, "too slow; reconnect and resume")

    return router


async def _authenticate(websocket: WebSocket, timeout_seconds: float) -> UUID | None:
    """The user whose token the first frame carries; None if it carries no valid one, or comes too late."""
    try:
        async with asyncio.timeout(timeout_seconds):
            message = await websocket.receive()
    except TimeoutError:
        return None
    if message["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(message.get("code", 1000))
    try:
        frame = read_client_frame(message.get("text"))
    except RefusedFrameError:
        return None
    if not isinstance(frame, AuthFrame):
        return None
    verifier: TokenVerifier = websocket.app.state.token_verifier
    try:
        return (await verifier.verify(frame.token)).user_id
    except AuthenticationError:
        return None


async def _serve(websocket: WebSocket, session: Session, client: SocketClient) -> bool:
    """Read the client's frames while the session delivers; answers whether the client fell too far
    behind, rather than left."""
    reading = asyncio.create_task(_read(websocket, session, client))
    delivering = asyncio.create_task(session.run())
    try:
        done, _ = await asyncio.wait({reading, delivering}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        reading.cancel()
        delivering.cancel()
        await asyncio.gather(reading, delivering, return_exceptions=True)
    if delivering in done:
        delivering.result()  # raises WebSocketDisconnect if the client left in the middle of a frame
        return True
    reading.result()
    return False


async def _read(websocket: WebSocket, session: Session, client: SocketClient) -> None:
    """Handle the client's frames until it leaves; a refused one is answered with an `error` frame."""
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        # A socket lives for hours: each frame is its own unit of work in the logs.
        with correlation_scope(None):
            try:
                await _handle(read_client_frame(message.get("text")), session)
            except RefusedFrameError as refused:
                await client.refuse(refused.code, refused.detail)


async def _handle(frame: ClientFrame, session: Session) -> None:
    match frame:
        case PingFrame():
            await session.ping()
        case TypingFrame(conversation_id=conversation_id):
            try:
                await session.typing(conversation_id)
            except NotAParticipantError as error:
                raise RefusedFrameError(ErrorCode.NOT_A_PARTICIPANT, error.detail) from None
        case ResumeFrame(cursors=cursors):
            await session.resume(cursors)
        case AuthFrame():
            raise RefusedFrameError(ErrorCode.ALREADY_AUTHENTICATED, "This socket is authenticated already.")


async def _close(websocket: WebSocket, code: int, reason: str) -> None:
    """Close with `code`, unless the client has gone already."""
    with contextlib.suppress(WebSocketDisconnect):
        await websocket.close(code, reason)
