"""Fan-out between realtime instances over Redis pub/sub, one channel per user: `realtime:user:<id>`.

Each instance reads on one pub/sub connection and subscribes it to the channels of the users
whose sockets it holds, so its traffic follows what it serves; a single broadcast channel would
make every instance decode every frame of the system. Redis forgets what it publishes while
that connection is down, which the port allows: clients make up for it with `resume`.
"""

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from redis.asyncio import Redis

from contexts.realtime.adapters.outbound.in_process_pubsub import deliver
from contexts.realtime.domain.frame import Frame
from contexts.realtime.ports.pubsub import Listener, Unsubscribe

log = logging.getLogger(__name__)

CHANNEL_PREFIX = "realtime:user:"
RECONNECT_DELAY_SECONDS = 1.0


@dataclass
class _Channel:
    subscribed: asyncio.Future[None]
    """Done once Redis confirms the SUBSCRIBE: from then on, what is published to the user reaches us."""
    listeners: list[Listener] = field(default_factory=list)


class RedisPubSub:
    """Subscribes a user's channel for their first local listener and unsubscribes it after the last.

    `run()` must be running, as a background task: it reads the frames, and the confirmations
    that `subscribe` waits for.
    """

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._pubsub = redis.pubsub()
        self._channels: dict[UUID, _Channel] = {}
        self._connected = asyncio.Event()
        """Set once `run()` holds the connection. Before that, callers racing to subscribe first would
        each make redis-py open one, and only the one `run()` reads would deliver."""

    async def publish(self, recipients: Iterable[UUID], frame: Frame) -> None:
        async with self._redis.pipeline(transaction=False) as pipeline:
            for user_id in dict.fromkeys(recipients):
                pipeline.publish(_channel_name(user_id), frame.text)
            await pipeline.execute()

    async def subscribe(self, user_id: UUID, listener: Listener) -> Unsubscribe:
        channel = self._channels.get(user_id)
        if channel is None:
            channel = self._channels[user_id] = _Channel(asyncio.get_running_loop().create_future())
        channel.listeners.append(listener)

        async def unsubscribe() -> None:
            channel.listeners.remove(listener)
            if not channel.listeners:
                del self._channels[user_id]
                await self._pubsub.unsubscribe(_channel_name(user_id))

        try:
            if not channel.subscribed.done():
                await self._connected.wait()
                # Each listener that comes before the confirmation asks for itself (SUBSCRIBE is
                # idempotent), so none depends on another's request having gone through.
                await self._pubsub.subscribe(_channel_name(user_id))
                # Shielded: a subscriber cancelled while waiting must not cancel the others' wait.
                await asyncio.shield(channel.subscribed)
        except BaseException:
            await unsubscribe()
            raise
        return unsubscribe

    async def run(self) -> None:
        """Hand each frame to the local listeners of its user, until cancelled.

        When the connection drops, redis-py connects again and subscribes again to every
        channel; should that fail too, this loop retries after a pause, for as long as it takes.
        """
        while True:
            try:
                await self._pubsub.connect()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
                self._connected.set()
                while True:
                    self._receive(await self._pubsub.get_message(timeout=None))
            except Exception:
                log.exception("realtime's Redis pub/sub reader failed; starting again")
                await asyncio.sleep(RECONNECT_DELAY_SECONDS)

    async def close(self) -> None:
        """Give the pub/sub connection back; call it once `run()` is cancelled."""
        await self._pubsub.aclose()  # type: ignore[no-untyped-call]

    def _receive(self, message: dict[str, Any] | None) -> None:
        if message is None or message["type"] not in ("subscribe", "message"):
            return
        channel = self._channels.get(_user_id(message["channel"]))
        if channel is None:  # the last listener left while the message was on its way
            return
        if message["type"] == "subscribe":
            if not channel.subscribed.done():
                channel.subscribed.set_result(None)
        else:
            data = message["data"]
            deliver(Frame.from_text(data.decode() if isinstance(data, bytes) else data), channel.listeners)


def _channel_name(user_id: UUID) -> str:
    return f"{CHANNEL_PREFIX}{user_id}"


def _user_id(channel_name: bytes | str) -> UUID:
    name = channel_name.decode() if isinstance(channel_name, bytes) else channel_name
    return UUID(name.removeprefix(CHANNEL_PREFIX))
