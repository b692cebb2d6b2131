"""What realtime hears from the other contexts, turned into frames for the users it concerns.

The event adapters (adapters/inbound/events) translate each integration event into one of these
calls; the frames carry the objects of the public API as the events carry them.
"""

from collections.abc import Collection, Mapping
from typing import Any
from uuid import UUID

from contexts.realtime.domain.delivered_seqs import position
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from contexts.realtime.ports.conversation_directory import ConversationDirectory
from contexts.realtime.ports.message_log import MessageLog
from contexts.realtime.ports.pubsub import PubSub


class Delivery:
    """Safe to repeat: the log and the directory are replaced, not appended to, and a socket drops
    a `message.created` it had; other frames may then come twice, which the protocol allows."""

    def __init__(self, pubsub: PubSub, directory: ConversationDirectory, log: MessageLog) -> None:
        self._pubsub = pubsub
        self._directory = directory
        self._log = log

    async def message(
        self, frame_type: FrameType, message: Mapping[str, Any], participant_ids: Collection[UUID]
    ) -> None:
        """A message was sent, edited or deleted: log it as it is now, then push it.

        Logging first is what makes delivery gap-free (ADR 12): a socket that misses the frame
        finds the message in the log when it notices the gap or resumes.
        """
        conversation_id, seq = position(message)
        await self._log.record(conversation_id, seq, message)
        await self._learn(conversation_id, participant_ids)
        await self._pubsub.publish(participant_ids, Frame(frame_type, message))

    async def conversation(
        self,
        conversation: Mapping[str, Any],
        participant_ids: Collection[UUID],
        newcomers: Collection[UUID],
    ) -> None:
        """A conversation began, or its participants changed: `newcomers` see it from now on."""
        await self._directory.record(UUID(conversation["id"]), participant_ids)
        await self._pubsub.publish(newcomers, Frame(FrameType.CONVERSATION_CREATED, conversation))

    async def push(self, frame: Frame, recipients: Collection[UUID]) -> None:
        """A change that concerns only who is told: a read marker, a group, a notification."""
        await self._pubsub.publish(recipients, frame)

    async def _learn(self, conversation_id: UUID, participant_ids: Collection[UUID]) -> None:
        """Message events name the participants too, which teaches the directory the conversations
        that began before realtime was deployed. Reading first spares a write for every message."""
        if await self._directory.participants(conversation_id) != set(participant_ids):
            await self._directory.record(conversation_id, participant_ids)
