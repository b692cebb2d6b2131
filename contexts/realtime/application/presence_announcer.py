from uuid import UUID

from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from contexts.realtime.domain.presence import PresenceStatus
from contexts.realtime.ports.conversation_directory import ConversationDirectory
from contexts.realtime.ports.pubsub import PubSub


class PresenceAnnouncer:
    """Tells a user's contacts, everyone who shares a conversation with them, that their status changed."""

    def __init__(self, directory: ConversationDirectory, pubsub: PubSub) -> None:
        self._directory = directory
        self._pubsub = pubsub

    async def __call__(self, user_id: UUID, status: PresenceStatus) -> None:
        frame = Frame(FrameType.PRESENCE, {"user_id": str(user_id), "status": status.value})
        await self._pubsub.publish(await self._directory.contacts(user_id), frame)
