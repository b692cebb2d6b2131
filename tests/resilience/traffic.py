"""Messages flowing through one conversation while a test breaks what carries them.

Every member sends numbered messages, each mentioning the next member, and follows the
conversation over the gateway's WebSocket, both as a client is meant to: a send that failed or
went unanswered goes again with the same `client_message_id` until it is answered; a socket that
dropped reconnects and sends `resume` with the last `seq` it saw. Once the sending stops,
`Traffic.delivered` checks the promise that survives any failure: every answered message is in
the history exactly once with `seq` 1..N, reached every member exactly once, in order, and is
replayed, each once, to a socket that resumes from the start.
"""

import asyncio
import contextlib
import itertools
import json
from collections.abc import Sequence
from contextlib import AsyncExitStack
from functools import partial
from types import TracebackType
from typing import Any, Self

import httpx
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from tests.api import User
from tests.eventually import eventually
from tests.messaging.http.chat import page, send
from tests.realtime.live import opened

_RECONNECT_PAUSE_SECONDS = 0.2
_RESEND_PAUSE_SECONDS = 0.1
SETTLES_WITHIN_SECONDS = 60.0
"""How long the read models and sockets may take to catch up once a broken server is back."""


class Follower:
    """A member's socket, read in a task of its own, reconnecting and resuming when it drops."""

    def __init__(self, ws_url: str, user: User, conversation_id: str) -> None:
        self.created: list[dict[str, Any]] = []
        """Every `message.created` of the conversation, in the order the sockets got them."""
        self.connections = 0
        """Sockets opened so far: one more than the drops it recovered from."""
        self._ws_url = ws_url
        self._user = user
        self._conversation_id = conversation_id
        self._task = asyncio.create_task(self._follow())

    async def close(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def _follow(self) -> None:
        while True:
            # The gateway refuses a socket, or the service drops it, while its instance is down.
            with contextlib.suppress(ConnectionClosed, InvalidHandshake, OSError):
                async with opened(self._ws_url, self._user) as socket:
                    self.connections += 1
                    # The first socket resumes too, from 0: messages may have come before it subscribed.
                    cursor = self.created[-1]["seq"] if self.created else 0
                    await socket.send({"type": "resume", "cursors": {self._conversation_id: cursor}})
                    async for raw in socket.connection:
                        frame = json.loads(raw)
                        if (
                            frame["type"] == "message.created"
                            and frame["data"]["conversation_id"] == self._conversation_id
                        ):
                            self.created.append(frame["data"])
            await asyncio.sleep(_RECONNECT_PAUSE_SECONDS)


class Sender:
    """A member sending numbered messages that mention `mentioned` until told to stop, each until
    it is answered."""

    def __init__(self, user: User, conversation_id: str, mentioned: User) -> None:
        self.answered: list[dict[str, Any]] = []
        self.resent = 0
        """Sends that went again because the previous attempt failed or went unanswered."""
        self.mentioned = mentioned
        self._user = user
        self._conversation_id = conversation_id
        self._stop = asyncio.Event()
        self._task = asyncio.create_task(self._send())

    async def stop(self) -> None:
        self._stop.set()
        await self._task

    async def _send(self) -> None:
        for n in itertools.count(1):
            if self._stop.is_set():
                return
            self.answered.append(await self._answered(f"{self._user.username}-{n}"))

    async def _answered(self, client_message_id: str) -> dict[str, Any]:
        while True:
            try:
                body = f"{client_message_id} for @{self.mentioned.username}"
                response = await send(self._user, self._conversation_id, body, client_message_id)
            except httpx.TransportError:
                pass  # unanswered: it may or may not be stored, so the same id goes again
            else:
                if response.status_code in (200, 201):
                    message: dict[str, Any] = response.json()
                    return message
                # The gateway answers 502 while messaging is down.
                assert response.status_code >= 500, response.text
            self.resent += 1
            await asyncio.sleep(_RESEND_PAUSE_SECONDS)


class Traffic:
    """Every member of the conversation following it and sending to it, from entry to exit."""

    def __init__(self, ws_url: str, members: Sequence[User], conversation_id: str) -> None:
        self._ws_url = ws_url
        self._members = members
        self._conversation_id = conversation_id
        self._followers: list[Follower] = []
        self._senders: list[Sender] = []
        self._stack = AsyncExitStack()

    async def __aenter__(self) -> Self:
        """Once every member follows the conversation, they start sending."""
        for member in self._members:
            follower = Follower(self._ws_url, member, self._conversation_id)
            self._stack.push_async_callback(follower.close)
            self._followers.append(follower)
        try:
            await eventually(self._all_connected)
        except BaseException:
            await self._stack.aclose()
            raise
        for member, next_member in zip(self._members, [*self._members[1:], self._members[0]], strict=True):
            sender = Sender(member, self._conversation_id, next_member)
            self._stack.push_async_callback(sender.stop)
            self._senders.append(sender)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._stack.aclose()

    @property
    def answered(self) -> list[dict[str, Any]]:
        return [message for sender in self._senders for message in sender.answered]

    def mentions_of(self, member: User) -> int:
        """How many answered messages mention `member`."""
        return sum(len(sender.answered) for sender in self._senders if sender.mentioned.id == member.id)

    @property
    def resent(self) -> int:
        return sum(sender.resent for sender in self._senders)

    @property
    def reconnections(self) -> int:
        return sum(follower.connections - 1 for follower in self._followers)

    async def answered_more(self, count: int, within: float = SETTLES_WITHIN_SECONDS) -> None:
        """Returns once `count` more messages than now have been answered."""
        await eventually(partial(self._answered_at_least, len(self.answered) + count), within)

    async def received(self, count: int, within: float = SETTLES_WITHIN_SECONDS) -> None:
        """Returns once every member has received `count` messages."""
        await eventually(partial(self._all_received_at_least, count), within)

    async def delivered(self) -> None:
        """Stop sending, then check that every answered message was stored and delivered exactly
        once, in order."""
        for sender in self._senders:
            await sender.stop()
        answered = self.answered
        stored = await eventually(partial(self._history_of_at_least, len(answered)), SETTLES_WITHIN_SECONDS)
        assert [message["seq"] for message in stored] == list(range(1, len(stored) + 1))
        assert sorted(message["id"] for message in stored) == sorted(message["id"] for message in answered)
        await self.received(len(stored))
        for follower in self._followers:
            assert [message["id"] for message in follower.created] == [message["id"] for message in stored]
        assert await self._replayed(len(stored)) == [message["id"] for message in stored]

    async def _replayed(self, count: int) -> list[str]:
        """The ids of the messages a new socket resuming from the conversation's start is sent."""
        async with opened(self._ws_url, self._members[0]) as socket:
            await socket.send({"type": "resume", "cursors": {self._conversation_id: 0}})
            replayed: list[str] = []
            async for raw in socket.connection:
                frame = json.loads(raw)
                if frame["type"] == "resumed":
                    return replayed
                if (
                    frame["type"] == "message.created"
                    and frame["data"]["conversation_id"] == self._conversation_id
                ):
                    replayed.append(frame["data"]["id"])
        raise AssertionError(
            f"the socket closed before it resumed, having replayed {len(replayed)} of {count}"
        )

    async def _all_connected(self) -> None:
        assert all(follower.connections for follower in self._followers)

    async def _answered_at_least(self, count: int) -> None:
        assert len(self.answered) >= count

    async def _history_of_at_least(self, count: int) -> list[dict[str, Any]]:
        """Reads come from read models, which catch up with the writes shortly after."""
        stored: list[dict[str, Any]] = []
        while True:
            answer = await page(self._members[0], self._conversation_id, f"?after={len(stored)}&limit=100")
            stored += answer["items"]
            if not answer["has_more"]:
                break
        assert len(stored) >= count
        return stored

    async def _all_received_at_least(self, count: int) -> None:
        received = [len(follower.created) for follower in self._followers]
        assert min(received) >= count, f"{received} of {count} received"
