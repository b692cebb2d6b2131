import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from uuid import UUID

import pytest

from contexts.realtime.adapters.outbound.in_memory_presence_store import InMemoryPresenceStore
from contexts.realtime.adapters.outbound.in_process_pubsub import InProcessPubSub
from contexts.realtime.application.delivery import Delivery, MessageChanged
from contexts.realtime.application.open_sockets import OpenSockets
from contexts.realtime.application.presence_announcer import PresenceAnnouncer
from contexts.realtime.application.presence_expiry import PresenceExpiry
from contexts.realtime.application.presence_introductions import PresenceIntroductions
from contexts.realtime.application.socket import Socket, Sockets, SocketSettings
from contexts.realtime.domain.access_grant import AccessGrant
from contexts.realtime.domain.frame_types import FrameType
from kernel.ids import new_id
from tests.clock import SteppedClock
from tests.eventually import eventually
from tests.realtime.application.fakes import (
    FakeConversationDirectory,
    FakeGroupDirectory,
    FakeMessageLog,
    RecordingClient,
)
from tests.realtime.messages import a_message, logged

TTL = timedelta(seconds=30)
ACCESS_TOKEN_TTL = timedelta(minutes=15)
SOCKETS_PER_USER = 3
SOCKETS_IN_TOTAL = 5
LARGEST_CONVERSATION = 3
"""Presence reaches the participants of conversations up to this size."""

SETTINGS = SocketSettings(
    send_queue_frames=100, resume_window_seconds=0.0, resume_max_messages=500, heartbeat_interval_seconds=60.0
)
"""Live frames go at once, and presence deadlines move only as a test says."""

HOLDING = replace(SETTINGS, resume_window_seconds=60.0)
"""Live frames wait for the client's first frame, however long a test takes to send it."""


async def delivered(client: RecordingClient, seqs: list[int]) -> None:
    """Wait until the client has been sent exactly these messages, in this order."""

    async def exactly() -> None:
        assert client.seqs() == seqs

    await eventually(exactly)


async def settle() -> None:
    """Let every task that can run, run: what a socket does wrongly on its own has happened by now."""
    for _ in range(10):
        await asyncio.sleep(0)


@dataclass
class Realtime:
    """Realtime's application on fakes and in-memory adapters, for one test."""

    clock: SteppedClock
    directory: FakeConversationDirectory
    log: FakeMessageLog
    presence: InMemoryPresenceStore
    delivery: Delivery
    sockets: Sockets
    expiry: PresenceExpiry

    async def conversation(self, *participant_ids: UUID) -> UUID:
        conversation_id = new_id()
        await self.directory.record({conversation_id: participant_ids})
        return conversation_id

    async def send(self, conversation_id: UUID, *seqs: int) -> None:
        """Messages as realtime hears of them: logged, then pushed to the participants."""
        await self.delivery(
            [MessageChanged(FrameType.MESSAGE_CREATED, a_message(conversation_id, seq), 0) for seq in seqs]
        )

    async def lose(self, conversation_id: UUID, *seqs: int) -> None:
        """Messages logged whose frames are lost on the way, as Redis pub/sub may lose them."""
        await self.log.record([logged(a_message(conversation_id, seq)) for seq in seqs])

    def grant(self, user_id: UUID, session_id: UUID | None = None) -> AccessGrant:
        """What a fresh access token of the user grants, in `session_id` or a session of its own."""
        return AccessGrant(user_id, session_id or new_id(), self.clock.now() + ACCESS_TOKEN_TTL)

    @asynccontextmanager
    async def connected(
        self, user_id: UUID, settings: SocketSettings = SETTINGS
    ) -> AsyncIterator[tuple[Socket, RecordingClient]]:
        """A socket of `user_id`, running until the block ends."""
        client = RecordingClient()
        async with replace(self.sockets, settings=settings).open(self.grant(user_id), client) as socket:
            running = asyncio.create_task(socket.run())
            try:
                yield socket, client
            finally:
                running.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await running


@pytest.fixture
def realtime() -> Realtime:
    clock, directory, log = SteppedClock(), FakeConversationDirectory(), FakeMessageLog()
    pubsub, presence = InProcessPubSub(), InMemoryPresenceStore(TTL)
    announce = PresenceAnnouncer(directory, pubsub, LARGEST_CONVERSATION)
    return Realtime(
        clock=clock,
        directory=directory,
        log=log,
        presence=presence,
        delivery=Delivery(
            pubsub,
            directory,
            log,
            FakeGroupDirectory(),
            PresenceIntroductions(presence, pubsub, clock, LARGEST_CONVERSATION),
        ),
        sockets=Sockets(
            pubsub=pubsub,
            presence=presence,
            directory=directory,
            message_log=log,
            announce=announce,
            clock=clock,
            settings=SETTINGS,
            open_sockets=OpenSockets(per_user=SOCKETS_PER_USER, in_total=SOCKETS_IN_TOTAL),
        ),
        expiry=PresenceExpiry(presence, announce, clock, interval_seconds=TTL.total_seconds() / 3),
    )


def users(count: int) -> Iterator[UUID]:
    return (new_id() for _ in range(count))
