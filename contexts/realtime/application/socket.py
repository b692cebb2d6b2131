"""One authenticated socket: what reaches it, in which order, and what its client may ask.

Live frames come from pub/sub into a bounded queue, and one task delivers them from there, so
a client that reads slowly fills its own queue and no one else's. The `message.created` frames
of each conversation reach the socket in `seq` order with no gap and no repeat (ADR 12): the
socket drops what it delivered already, fills gaps from the message log, and on `resume`
replays the log while live frames wait in the queue.

A socket lives only as long as the access it was opened with: until its access token expires,
unless the client presents a fresh one on it, and no longer than its session (ADR 8), which
identity announces the end of.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from contexts.realtime.application.open_sockets import OpenSockets
from contexts.realtime.application.presence_announcer import PresenceAnnouncer
from contexts.realtime.domain.access_grant import AccessGrant
from contexts.realtime.domain.delivered_seqs import DeliveredSeqs, Placement, position
from contexts.realtime.domain.ending import Ending
from contexts.realtime.domain.errors import NotAParticipantError, NotTheSameUserError
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from contexts.realtime.domain.presence import PresenceStatus
from contexts.realtime.ports.client import Client
from contexts.realtime.ports.conversation_directory import ConversationDirectory
from contexts.realtime.ports.message_log import MessageLog
from contexts.realtime.ports.presence_store import PresenceStore
from contexts.realtime.ports.pubsub import PubSub
from kernel.clock import Clock
from kernel.ids import new_id

log = logging.getLogger(__name__)

REPLAY_PAGE = 100
"""Messages read from the log at a time when replaying or filling a gap."""


@dataclass(frozen=True)
class SocketSettings:
    send_queue_frames: int
    """Live frames a socket may have waiting; one more and its client is too slow."""
    resume_window_seconds: float
    """How long live frames wait for the client's first frame, in case it is `resume`."""
    resume_max_messages: int
    """The most messages of one conversation a `resume` replays: what one frame may cost."""
    heartbeat_interval_seconds: float
    """How often a socket pushes its presence deadline forward (well within the store's TTL), and checks
    whether its access token has expired."""


class Socket:
    def __init__(
        self,
        grant: AccessGrant,
        connection_id: UUID,
        client: Client,
        shared: "Sockets",
    ) -> None:
        self.user_id = grant.user_id
        self.connection_id = connection_id
        """This socket's key in the presence store."""
        self._grant = grant
        self._client = client
        self._shared = shared
        self._queue: asyncio.Queue[Frame] = asyncio.Queue(shared.settings.send_queue_frames)
        self._too_slow = asyncio.Event()
        self._access_ended = asyncio.Event()
        self._heard_from_client = asyncio.Event()
        self._delivering = asyncio.Lock()
        """Held while a frame goes out in order: a replay holds it throughout, so live frames wait."""
        self._delivered = DeliveredSeqs()

    def receive(self, frame: Frame) -> None:
        """Queue a live frame without waiting: this is the socket's pub/sub listener."""
        if frame.type == FrameType.SESSION_ENDED:
            if frame.data["session_id"] == str(self._grant.session_id):
                self._access_ended.set()
            return
        try:
            self._queue.put_nowait(frame)
        except asyncio.QueueFull:
            self._too_slow.set()

    async def run(self) -> Ending:
        """Deliver live frames and keep the socket counted as present, until the client falls
        `send_queue_frames` behind or its access ends: then answer which, and the caller
        disconnects it.

        Raises if delivery fails; cancel it when the socket closes.
        """
        too_slow = asyncio.create_task(self._too_slow.wait())
        tasks = [
            too_slow,
            asyncio.create_task(self._access_ended.wait()),
            asyncio.create_task(self._deliver_live()),
            asyncio.create_task(self._keep_present()),
            asyncio.create_task(self._end_with_access()),
        ]
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        return Ending.TOO_SLOW if too_slow in done else Ending.ACCESS_ENDED

    async def reauthenticate(self, grant: AccessGrant) -> None:
        """Live on with a fresh access token of the same user: until it expires, and as long as
        the session it names. Raises NotTheSameUserError for another user's."""
        if grant.user_id != self.user_id:
            raise NotTheSameUserError()
        self._grant = grant
        await self._client.reauthenticated()
        self._heard_from_client.set()

    async def ping(self) -> None:
        await self._client.pong()
        self._heard_from_client.set()

    async def typing(self, conversation_id: UUID) -> None:
        """Tell the conversation's other participants; the typist's own other sockets are not told."""
        self._heard_from_client.set()
        participants = await self._shared.directory.participants(conversation_id)
        if self.user_id not in participants:
            raise NotAParticipantError()
        frame = Frame(
            FrameType.TYPING, {"conversation_id": str(conversation_id), "user_id": str(self.user_id)}
        )
        await self._shared.pubsub.publish(participants - {self.user_id}, frame)

    async def resume(self, last_seen: Mapping[UUID, int]) -> None:
        """Replay every message after the last one the client saw in each conversation, then
        `resumed`; live frames wait until then.

        A conversation more than `resume_max_messages` behind is not replayed: the socket goes on
        from its newest message, and `resumed` names it too old, for the client to reload it over
        REST, a page at a time. Conversations the user takes no part in are skipped, saying
        nothing of whether they exist.
        """
        too_old: list[UUID] = []
        async with self._delivering:
            for conversation_id, seen in last_seen.items():
                if self.user_id not in await self._shared.directory.participants(conversation_id):
                    continue
                newest = await self._shared.message_log.newest_seq(conversation_id)
                if newest - seen > self._shared.settings.resume_max_messages:
                    self._delivered.resume(conversation_id, newest)
                    too_old.append(conversation_id)
                else:
                    self._delivered.resume(conversation_id, seen)
                    await self._catch_up(conversation_id)
            await self._client.resumed(too_old)
        self._heard_from_client.set()

    async def _deliver_live(self) -> None:
        # A reconnecting client sends `resume` right after `ready`; a live message delivered
        # before it would start the conversation's order past the messages to replay.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(
                self._heard_from_client.wait(), self._shared.settings.resume_window_seconds
            )
        while True:
            frame = await self._queue.get()
            async with self._delivering:
                await self._deliver(frame)

    async def _deliver(self, frame: Frame) -> None:
        if frame.type != FrameType.MESSAGE_CREATED:
            await self._client.push(frame)
            return
        conversation_id, seq = position(frame.data)
        placement = self._delivered.place(conversation_id, seq)
        if placement is Placement.AFTER_GAP:
            await self._catch_up(conversation_id, through=seq - 1)
            placement = self._delivered.place(conversation_id, seq)
        # Still after a gap if the log lacks a message: one whose event is a dead letter.
        if placement is not Placement.DELIVERED:
            await self._client.push(frame)  # this very frame, which its other sockets share
            self._delivered.deliver(conversation_id, seq)

    async def _catch_up(self, conversation_id: UUID, through: int | None = None) -> None:
        """Deliver the logged messages after the last one delivered, up to `through` or to the end."""
        while True:
            after = self._delivered.highest(conversation_id) or 0
            wanted = REPLAY_PAGE if through is None else min(REPLAY_PAGE, through - after)
            if wanted <= 0:
                return
            page = await self._shared.message_log.after(conversation_id, after, wanted)
            for message in page:
                await self._push_message(message)
            if len(page) < wanted:
                return

    async def _push_message(self, message: Mapping[str, Any]) -> None:
        await self._client.push(Frame(FrameType.MESSAGE_CREATED, message))
        self._delivered.deliver(*position(message))

    async def _end_with_access(self) -> None:
        """Looks at the clock each heartbeat interval: a socket outlives its token by at most that."""
        while True:
            await asyncio.sleep(self._shared.settings.heartbeat_interval_seconds)
            if self._shared.clock.now() >= self._grant.expires_at:
                self._access_ended.set()
                return

    async def _keep_present(self) -> None:
        while True:
            await asyncio.sleep(self._shared.settings.heartbeat_interval_seconds)
            try:
                now = self._shared.clock.now()
                if await self._shared.presence.connect(
                    self.user_id, connection_id=self.connection_id, now=now
                ):
                    await self._shared.announce(self.user_id, PresenceStatus.ONLINE)
            except Exception:
                # The next heartbeat may get through; only a deadline left to pass takes the user offline.
                log.warning("could not renew the presence of user %s", self.user_id, exc_info=True)


@dataclass(frozen=True, kw_only=True)
class Sockets:
    """Opens each authenticated socket, within the caps `OpenSockets` keeps, with what every socket
    shares."""

    pubsub: PubSub
    presence: PresenceStore
    directory: ConversationDirectory
    message_log: MessageLog
    announce: PresenceAnnouncer
    clock: Clock
    settings: SocketSettings
    open_sockets: OpenSockets

    @asynccontextmanager
    async def open(self, grant: AccessGrant, client: Client) -> AsyncIterator[Socket]:
        """Admit the socket within the caps, subscribe to the user's frames, count the socket
        present, then say `ready`; undone in reverse when the block ends. Frames from the
        subscription on are queued, so none is lost between `ready` and the first delivery.

        Raises SocketLimitError, having said nothing, if the socket is one too many.
        """
        user_id = grant.user_id
        socket = Socket(grant, new_id(), client, self)
        with self.open_sockets.admit(user_id):
            unsubscribe = await self.pubsub.subscribe(user_id, socket.receive)
            try:
                if await self.presence.connect(
                    user_id, connection_id=socket.connection_id, now=self.clock.now()
                ):
                    await self.announce(user_id, PresenceStatus.ONLINE)
                await client.ready(user_id)
                yield socket
            finally:
                await unsubscribe()
                if await self.presence.disconnect(
                    user_id, connection_id=socket.connection_id, now=self.clock.now()
                ):
                    await self.announce(user_id, PresenceStatus.OFFLINE)
