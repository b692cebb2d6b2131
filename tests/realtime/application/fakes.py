"""In-memory stand-ins for realtime's database ports and for a socket, for application tests.

Fan-out and presence use the in-memory adapters the monolith runs on; they need no fake.
"""

import asyncio
from collections.abc import Collection, Mapping, Sequence
from typing import Any
from uuid import UUID

from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from contexts.realtime.domain.group import Group, GroupChange
from contexts.realtime.ports.message_log import LoggedMessage

Sent = str | Frame
"""What a socket sent its client: a frame, or `"ready"`, `"pong"`, `"resumed"`, `"reauthenticated"`."""


class FakeMessageLog:
    def __init__(self) -> None:
        self.messages: dict[UUID, dict[int, LoggedMessage]] = {}
        self.readable = asyncio.Event()
        """Clear it to keep reads waiting, as a slow database would."""
        self.readable.set()

    async def record(self, messages: Sequence[LoggedMessage]) -> None:
        for logged in messages:
            conversation = self.messages.setdefault(logged.conversation_id, {})
            if logged.seq not in conversation or conversation[logged.seq].revision <= logged.revision:
                conversation[logged.seq] = logged

    async def newest_seq(self, conversation_id: UUID) -> int:
        return max(self.messages.get(conversation_id, {}), default=0)

    async def after(self, conversation_id: UUID, seq: int, limit: int) -> Sequence[Mapping[str, Any]]:
        await self.readable.wait()
        logged = self.messages.get(conversation_id, {})
        return [logged[later].message for later in sorted(logged) if later > seq][:limit]


class FakeConversationDirectory:
    def __init__(self) -> None:
        self.conversations: dict[UUID, frozenset[UUID]] = {}
        self.reads = 0
        """How many times it was asked who takes part, in one conversation or in several at once."""

    async def record(self, conversations: Mapping[UUID, Collection[UUID]]) -> None:
        for conversation_id, participant_ids in conversations.items():
            self.conversations[conversation_id] = frozenset(participant_ids)

    async def participants(self, conversation_id: UUID) -> frozenset[UUID]:
        self.reads += 1
        return self.conversations.get(conversation_id, frozenset())

    async def participants_of(self, conversation_ids: Collection[UUID]) -> dict[UUID, frozenset[UUID]]:
        self.reads += 1
        return {id: self.conversations[id] for id in conversation_ids if id in self.conversations}

    async def contacts(self, user_id: UUID, largest_conversation: int) -> frozenset[UUID]:
        shared = (
            users
            for users in self.conversations.values()
            if user_id in users and len(users) <= largest_conversation
        )
        return frozenset().union(*shared) - {user_id}

    async def contacts_among(self, user_id: UUID, candidates: Collection[UUID]) -> frozenset[UUID]:
        shared = (users for users in self.conversations.values() if user_id in users)
        return (frozenset().union(*shared) - {user_id}) & frozenset(candidates)


class FakeGroupDirectory:
    def __init__(self) -> None:
        self.groups: dict[UUID, Group] = {}

    async def version(self, group_id: UUID) -> int:
        return self.groups[group_id].version if group_id in self.groups else 0

    async def replace(self, group: Group) -> None:
        self.groups[group.id] = group

    async def apply(self, change: GroupChange) -> None:
        self.groups[change.group_id] = self.groups[change.group_id].after(change)

    async def group(self, group_id: UUID) -> Group:
        return self.groups[group_id]


class RecordingClient:
    """Records what its socket sends; `stall()` makes it stop reading, like a client that hangs."""

    def __init__(self) -> None:
        self.sent: list[Sent] = []
        self.too_old: list[UUID] = []
        """The conversations `resumed` said were too far behind to replay."""
        self._reading = asyncio.Event()
        self._reading.set()

    def stall(self) -> None:
        self._reading.clear()

    async def ready(self, user_id: UUID) -> None:
        self.sent.append("ready")

    async def push(self, frame: Frame) -> None:
        await self._reading.wait()
        self.sent.append(frame)

    async def pong(self) -> None:
        self.sent.append("pong")

    async def resumed(self, too_old: Sequence[UUID] = ()) -> None:
        self.sent.append("resumed")
        self.too_old.extend(too_old)

    async def reauthenticated(self) -> None:
        self.sent.append("reauthenticated")

    def seqs(self) -> list[int]:
        """The `seq` of each `message.created` frame, in the order sent."""
        return [
            sent.data["seq"]
            for sent in self.sent
            if isinstance(sent, Frame) and sent.type == FrameType.MESSAGE_CREATED
        ]
