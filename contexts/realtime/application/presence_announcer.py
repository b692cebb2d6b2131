from uuid import UUID

from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from contexts.realtime.domain.presence import PresenceStatus
from contexts.realtime.ports.conversation_directory import ConversationDirectory
from contexts.realtime.ports.pubsub import PubSub


class PresenceAnnouncer:
    """Tells a user's contacts that their status changed: everyone who shares a conversation with
    them, of at most `largest_conversation` participants.

    Announcing to every member of a large group does not scale: when a thousand members come
    online (a morning, a deploy that reconnects everyone) each tells the other 999, a million
    frames. Members of large groups ask `GET /api/v1/presence` for the people they look at instead.
    """

    def __init__(self, directory: ConversationDirectory, pubsub: PubSub, largest_conversation: int) -> None:
        self._directory = directory
        self._pubsub = pubsub
        self._largest_conversation = largest_conversation

    async def __call__(self, user_id: UUID, status: PresenceStatus) -> None:
        frame = Frame(FrameType.PRESENCE, {"user_id": str(user_id), "status": status.value})
        await self._pubsub.publish(await self._directory.contacts(user_id, self._largest_conversation), frame)
