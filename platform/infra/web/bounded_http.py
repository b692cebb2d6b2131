"""uvicorn's httptools protocol with the bounds it lacks: the size and count of a request's
headers, and the time a client may take to send a whole request.

httptools gathers each header whole before handing it over and accepts any number of them, so
without these an 8 MB header is read into memory, and a client that sends half a request and
stalls holds its connection (and a slot of `limit_concurrency`) for as long as it likes. A large
body (a file's upload) may take longer than the request timeout: each part of it that arrives
extends the deadline by what it would take at a minimum rate, so a client sending steadily is
given the time its body needs, and one dripping it in is still cut off. Each
refusal answers a problem document, as the application's own errors do, and closes the
connection: what is left of the request on the wire cannot be trusted to be framed. So does a
request beyond `limit_concurrency`, which uvicorn itself would answer in plain text, with a
`Retry-After` as every 503 of the API has.
"""

import asyncio
import json
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from uvicorn._types import ASGI3Application, ASGIReceiveCallable, ASGISendCallable, Scope
from uvicorn.protocols.http.flow_control import service_unavailable
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle

from infra.web.problems import PROBLEM_JSON, PROBLEM_TYPE_BASE, status_title

_TOO_LARGE = HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
_CONNECTIONS_RETRY_AFTER_SECONDS = 1
"""A connection's slot frees as soon as any request in progress ends."""


@dataclass(frozen=True)
class HttpLimits:
    max_header_bytes: int
    """The request line and every header together."""
    max_headers: int
    request_timeout_seconds: float
    """From a request's first byte (or a connection's opening) to its last, plus what its body
    earns at `min_body_bytes_per_second`."""
    min_body_bytes_per_second: float


class _RefusedError(Exception):
    """Raised in a parser callback to stop parsing; httptools reports it as a parser error."""


def bounded_http_protocol(limits: HttpLimits) -> type[HttpToolsProtocol]:
    """The protocol class for uvicorn's `http` option."""

    class BoundedHttpToolsProtocol(_BoundedHttpToolsProtocol):
        _limits = limits

    return BoundedHttpToolsProtocol


class _BoundedHttpToolsProtocol(HttpToolsProtocol):
    _limits: HttpLimits

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._awaiting_head = True
        self._head_bytes = 0
        """Received while `_awaiting_head`: a head that never ends is caught before it is parsed whole."""
        self._parsed_head_bytes = 0
        self._headers_counted = 0
        self._refusal: tuple[HTTPStatus, str] | None = None
        self._deadline: asyncio.TimerHandle | None = None
        self._started = 0.0
        self._body_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._awaiting_head:
            self._head_bytes += len(data)
        super().data_received(data)
        too_large = self._awaiting_head and self._head_bytes > self._limits.max_header_bytes
        if too_large and not self.transport.is_closing():
            self._refuse(_TOO_LARGE, "The request's headers are too large.")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._parsed_head_bytes = 0
        self._headers_counted = 0
        self._start_deadline()

    def on_url(self, url: bytes) -> None:
        self._count(len(url), headers=0)
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value), headers=1)
        super().on_header(name, value)

    def on_body(self, body: bytes) -> None:
        self._body_bytes += len(body)
        if self._deadline is not None:
            self._deadline.cancel()
            earned = self._body_bytes / self._limits.min_body_bytes_per_second
            self._deadline = self.loop.call_at(
                self._started + self._limits.request_timeout_seconds + earned, self._time_out
            )
        super().on_body(body)

    def on_headers_complete(self) -> None:
        self._awaiting_head = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._cancel_deadline()
        self._awaiting_head = True
        self._head_bytes = 0
        super().on_message_complete()

    def handle_websocket_upgrade(self) -> None:
        self._cancel_deadline()  # the socket's own protocol takes over, with its own timeouts
        super().handle_websocket_upgrade()

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: ASGI3Application) -> None:
        """uvicorn answers a request beyond `limit_concurrency` in plain text, without saying when to
        come back; it is answered as every other 503 is instead."""
        super()._start_asgi_task(cycle, _too_many_connections if app is service_unavailable else app)

    def send_400_response(self, msg: str) -> None:
        if self._refusal is None:
            super().send_400_response(msg)
        else:
            self._refuse(*self._refusal)

    def _count(self, head_bytes: int, headers: int) -> None:
        self._parsed_head_bytes += head_bytes
        self._headers_counted += headers
        if self._headers_counted > self._limits.max_headers:
            self._refusal = (_TOO_LARGE, "The request has too many headers.")
            raise _RefusedError
        if self._parsed_head_bytes > self._limits.max_header_bytes:
            self._refusal = (_TOO_LARGE, "The request's headers are too large.")
            raise _RefusedError

    def _start_deadline(self) -> None:
        self._cancel_deadline()
        self._started = self.loop.time()
        self._body_bytes = 0
        self._deadline = self.loop.call_later(self._limits.request_timeout_seconds, self._time_out)

    def _cancel_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _time_out(self) -> None:
        """Still receiving the request: answer 408 if its head is unfinished, else only close, as
        the application is already answering it and will see a disconnect."""
        self._deadline = None
        if self.transport.is_closing():
            return
        if self._awaiting_head:
            self._refuse(HTTPStatus.REQUEST_TIMEOUT, "The request took too long to arrive.")
        else:
            self.transport.close()

    def _refuse(self, status: HTTPStatus, detail: str) -> None:
        self.logger.warning("refused a request: %s", detail)
        body = _problem(status, detail)
        head = (
            f"HTTP/1.1 {int(status)} {status.phrase}\r\n"
            f"content-type: {PROBLEM_JSON}\r\n"
            f"content-length: {len(body)}\r\n"
            "connection: close\r\n\r\n"
        )
        self.transport.write(head.encode() + body)
        self.transport.close()


def _problem(status: HTTPStatus, detail: str) -> bytes:
    title = status_title(status)
    return json.dumps(
        {
            "type": PROBLEM_TYPE_BASE + title.lower().replace(" ", "-"),
            "title": title,
            "status": int(status),
            "detail": detail,
        }
    ).encode()


async def _too_many_connections(scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable) -> None:
    body = _problem(
        HTTPStatus.SERVICE_UNAVAILABLE, "The server has as many connections as it takes; try again shortly."
    )
    headers = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(_CONNECTIONS_RETRY_AFTER_SECONDS).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
