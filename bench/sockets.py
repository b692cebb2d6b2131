"""Authenticated WebSockets held by the load generator, and when each message reached each of them.

A message is known by its `client_message_id`, which the sender chooses before posting, so a frame
that overtakes the POST's answer is still matched. A reaction is known by its message: the reaction
scenario reacts once to each message (`REACTION`).
"""

import asyncio
import json
import sys
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable, Sequence, Set
from contextlib import AsyncExitStack, asynccontextmanager

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosedError

from bench.chat import Account

_OPEN_CONCURRENCY = 25
_OPEN_ATTEMPTS = 5
_TRY_AGAIN = {1011, 1013}
"""Close codes after which the protocol tells a client to reconnect."""
_POLL_SECONDS = 0.005
REACTION = "reaction to "
"""What `Inbox.arrivals` keys a reaction by, before its message's id."""


async def open_socket(ws_url: str, account: Account) -> ClientConnection:
    """Authenticated and out of the resume window: a first client frame starts live frames at once.

    A socket the server closes as 1011 or 1013 is opened again, as the protocol tells clients to,
    and said on standard error so that a run shows it happened.
    """
    for _ in range(_OPEN_ATTEMPTS - 1):
        try:
            return await _authenticated(ws_url, account)
        except ConnectionClosedError as closed:
            if closed.rcvd is None or closed.rcvd.code not in _TRY_AGAIN:
                raise
            print(f"    socket closed while opening ({closed.rcvd}); opening it again", file=sys.stderr)
            await asyncio.sleep(1)
    return await _authenticated(ws_url, account)


async def _authenticated(ws_url: str, account: Account) -> ClientConnection:
    socket = await connect(
        ws_url,
        # The server pings; pings from 10,000 clients as well would only add load.
        ping_interval=None,
        max_size=None,
        open_timeout=60,
        # A socket nobody reads stops reading when its queue fills, and then never sees the server's
        # answer to its close: it waits this long for it.
        close_timeout=1,
    )
    await socket.send(json.dumps({"type": "auth", "token": account.token}))
    ready = json.loads(await socket.recv())
    if ready.get("type") != "ready":
        raise RuntimeError(f"the server refused the socket: {ready}")
    await socket.send(json.dumps({"type": "ping"}))
    return socket


@asynccontextmanager
async def connected(ws_url: str, accounts: Iterable[Account]) -> AsyncIterator[list[ClientConnection]]:
    """One socket per account, opened many at a time and closed all at once."""
    limit = asyncio.Semaphore(_OPEN_CONCURRENCY)
    opened: list[ClientConnection] = []

    async def one(account: Account) -> ClientConnection:
        async with limit:
            socket = await open_socket(ws_url, account)
        opened.append(socket)
        return socket

    try:
        yield list(await asyncio.gather(*(one(account) for account in accounts)))
    finally:
        await asyncio.gather(*(socket.close() for socket in opened))


class Inbox:
    """Reads one socket per recipient and notes when each `message.created` reached it.

    A socket the server closes with 1011 or 1013 is opened again, as a client would; the messages
    it missed meanwhile count as lost (the benchmark does not resume).
    """

    def __init__(self, ws_url: str) -> None:
        self.arrivals: defaultdict[str, dict[str, float]] = defaultdict(dict)
        """client_message_id (or REACTION + message id) -> {recipient user id: time.perf_counter() at
        arrival}."""
        self.message_ids: dict[str, str] = {}
        """client_message_id -> the message's id, as its first `message.created` frame told it."""
        self._ws_url = ws_url
        self._readers: list[asyncio.Task[None]] = []
        self._reopened: list[ClientConnection] = []

    async def listen(self, stack: AsyncExitStack, recipients: Sequence[Account]) -> None:
        """Until `stack` closes."""
        stack.callback(self._stop_readers)
        sockets = await stack.enter_async_context(connected(self._ws_url, recipients))
        stack.push_async_callback(self._close_reopened)
        self._readers += [
            asyncio.create_task(self._read(socket, account))
            for socket, account in zip(sockets, recipients, strict=True)
        ]

    async def delivered(self, client_message_id: str, recipients: Set[str], within: float) -> bool:
        deadline = time.perf_counter() + within
        while not recipients <= self.arrivals[client_message_id].keys():
            if time.perf_counter() > deadline:
                return False
            await asyncio.sleep(_POLL_SECONDS)
        return True

    async def _read(self, socket: ClientConnection, account: Account) -> None:
        while True:
            try:
                async for frame in socket:
                    arrived = time.perf_counter()
                    # Presence, notifications and the like cost no parsing: only messages are timed.
                    if '"message.created"' in str(frame):
                        message = json.loads(frame)["data"]
                        self.arrivals[message["client_message_id"]].setdefault(account.user_id, arrived)
                        self.message_ids[message["client_message_id"]] = message["id"]
                    elif '"message.reactions_changed"' in str(frame):
                        reaction = json.loads(frame)["data"]
                        self.arrivals[REACTION + reaction["message_id"]].setdefault(account.user_id, arrived)
                return  # closed by us, at the end of the scenario
            except ConnectionClosedError as closed:
                if closed.rcvd is None or closed.rcvd.code not in _TRY_AGAIN:
                    print(f"    socket closed ({closed.rcvd}); its messages count as lost", file=sys.stderr)
                    return
                print(f"    socket closed ({closed.rcvd}); opening it again", file=sys.stderr)
            socket = await open_socket(self._ws_url, account)
            self._reopened.append(socket)

    async def _close_reopened(self) -> None:
        await asyncio.gather(*(socket.close() for socket in self._reopened))

    def _stop_readers(self) -> None:
        for reader in self._readers:
            reader.cancel()
