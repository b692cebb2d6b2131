from collections.abc import Collection
from uuid import UUID

from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from contexts.realtime.domain.presence import PresenceStatus
from contexts.realtime.ports.presence_store import PresenceStore
from contexts.realtime.ports.pubsub import PubSub
from kernel.clock import Clock


class PresenceIntroductions:
    """Tells people who have just begun to share a conversation which of them are online.

    Presence is disclosed to contacts only, so whoever came online before two people shared a
    conversation announced it to neither, and a client that asked as soon as the conversation
    began may have been told "offline" by a realtime that had yet to hear of it. Becoming contacts
    is therefore itself news of presence. Conversations larger than `largest_conversation` are
    left out, as `PresenceAnnouncer` leaves them out.
    """

    def __init__(
        self, presence: PresenceStore, pubsub: PubSub, clock: Clock, largest_conversation: int
    ) -> None:
        self._presence = presence
        self._pubsub = pubsub
        self._clock = clock
        self._largest_conversation = largest_conversation

    async def __call__(self, participants: Collection[UUID], newcomers: Collection[UUID]) -> None:
        """Each newcomer hears of every other participant who is online; the others, of each
        newcomer who is."""
        if not newcomers or len(participants) > self._largest_conversation:
            return
        everyone, joining = frozenset(participants), frozenset(newcomers)
        for known in await self._presence.presence(everyone, self._clock.now()):
            if known.status is PresenceStatus.ONLINE:
                told = (everyone if known.user_id in joining else joining) - {known.user_id}
                frame = Frame(
                    FrameType.PRESENCE, {"user_id": str(known.user_id), "status": known.status.value}
                )
                await self._pubsub.publish(told, frame)
