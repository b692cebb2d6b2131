"""The socket's life: authenticate within the time allowed, run it while its access
lasts, close with a documented code.

The frame size limit and the protocol pings that find dead peers are the server's
(`chat serve` configures them, see runtime.cli), so an oversized frame or a vanished peer
reaches this code as an ordinary disconnect. `typing` frames are rate limited per socket here,
before they cost a lookup and a fan-out to every participant (ADR 20).
"""

import asyncio
import contextlib
import logging

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
from contexts.realtime.application.socket import Socket, Sockets
from contexts.realtime.domain.access_grant import AccessGrant
from contexts.realtime.domain.ending import Ending
from contexts.realtime.domain.errors import NotAParticipantError, NotTheSameUserError, SocketLimitError
from infra.limits.rate_limit import RateLimit
from infra.observability.correlation import correlation_scope
from infra.web.auth import KeysUnavailableError, TokenVerifier
from kernel.errors import AuthenticationError, RateLimitedError

log = logging.getLogger(__name__)

NOT_AUTHENTICATED = 4401
TOO_MANY_SOCKETS_OF_USER = 4409
TOO_SLOW = 4429
TRY_AGAIN_LATER = 1013
INTERNAL_ERROR = 1011

_ENDINGS = {
    Ending.TOO_SLOW: (TOO_SLOW, "too slow; reconnect and resume"),
    Ending.ACCESS_ENDED: (NOT_AUTHENTICATED, "the access token expired or its session ended"),
}


def build_websocket_router(
    sockets: Sockets, auth_timeout_seconds: float, typing_limit: RateLimit
) -> APIRouter:
    router = APIRouter()

    @router.websocket("/ws")
    async def connect(websocket: WebSocket) -> None:
        await websocket.accept()
        try:
            grant = await _authenticate(websocket, auth_timeout_seconds)
        except WebSocketDisconnect:
            return
        except KeysUnavailableError:
            await _close(websocket, TRY_AGAIN_LATER, "access tokens cannot be verified now")
            return
        if grant is None:
            await _close(websocket, NOT_AUTHENTICATED, "not authenticated")
            return
        client = SocketClient(websocket)
        try:
            async with sockets.open(grant, client) as socket:
                ending = await _serve(websocket, socket, client, typing_limit)
        except SocketLimitError as refused:
            await _close(
                websocket, TOO_MANY_SOCKETS_OF_USER if refused.per_user else TRY_AGAIN_LATER, str(refused)
            )
            return
        except WebSocketDisconnect:
            return  # the client left while frames were being sent to it
        except Exception:
            log.exception("the socket of user %s failed", grant.user_id)
            await _close(websocket, INTERNAL_ERROR, "internal error; reconnect and resume")
            return
        if ending is not None:
            await _close(websocket, *_ENDINGS[ending])

    return router


async def _authenticate(websocket: WebSocket, timeout_seconds: float) -> AccessGrant | None:
    """What the token the first frame carries grants; None if it carries no valid one, or comes too late."""
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
    try:
        return await _grant(websocket, frame.token)
    except AuthenticationError:
        return None


async def _grant(websocket: WebSocket, token: str) -> AccessGrant:
    """Raises AuthenticationError for a token that is not valid, KeysUnavailableError if none can
    be verified now."""
    verifier: TokenVerifier = websocket.app.state.token_verifier
    principal = await verifier.verify(token)
    return AccessGrant(principal.user_id, principal.session_id, principal.expires_at)


async def _serve(
    websocket: WebSocket, socket: Socket, client: SocketClient, typing_limit: RateLimit
) -> Ending | None:
    """Read the client's frames while the socket delivers; answers why the socket ended, or None
    if the client left."""
    reading = asyncio.create_task(_read(websocket, socket, client, typing_limit))
    delivering = asyncio.create_task(socket.run())
    try:
        done, _ = await asyncio.wait({reading, delivering}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        reading.cancel()
        delivering.cancel()
        await asyncio.gather(reading, delivering, return_exceptions=True)
    if delivering in done:
        return delivering.result()  # raises WebSocketDisconnect if the client left in the middle of a frame
    reading.result()
    return None


async def _read(websocket: WebSocket, socket: Socket, client: SocketClient, typing_limit: RateLimit) -> None:
    """Handle the client's frames until it leaves; a refused one is answered with an `error` frame."""
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        # A socket lives for hours: each frame is its own unit of work in the logs.
        with correlation_scope(None):
            try:
                await _handle(read_client_frame(message.get("text")), socket, websocket, typing_limit)
            except RefusedFrameError as refused:
                await client.refuse(refused.code, refused.detail)


async def _handle(frame: ClientFrame, socket: Socket, websocket: WebSocket, typing_limit: RateLimit) -> None:
    match frame:
        case PingFrame():
            await socket.ping()
        case TypingFrame(conversation_id=conversation_id):
            try:
                await typing_limit.take(str(socket.connection_id))
            except RateLimitedError as error:
                raise RefusedFrameError(ErrorCode.RATE_LIMITED, error.detail) from None
            try:
                await socket.typing(conversation_id)
            except NotAParticipantError as error:
                raise RefusedFrameError(ErrorCode.NOT_A_PARTICIPANT, error.detail) from None
        case ResumeFrame(cursors=last_seen):
            await socket.resume(last_seen)
        case AuthFrame(token=token):
            try:
                await socket.reauthenticate(await _grant(websocket, token))
            except (AuthenticationError, KeysUnavailableError) as error:
                raise RefusedFrameError(ErrorCode.ACCESS_REFUSED, str(error)) from None
            except NotTheSameUserError:
                raise RefusedFrameError(
                    ErrorCode.ACCESS_REFUSED, "The access token is another user's."
                ) from None


async def _close(websocket: WebSocket, code: int, reason: str) -> None:
    """Close with `code`, unless the client has gone already."""
    with contextlib.suppress(WebSocketDisconnect):
        await websocket.close(code, reason)
