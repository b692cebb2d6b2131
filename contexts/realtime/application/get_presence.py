from collections.abc import Sequence
from uuid import UUID

from contexts.realtime.domain.presence import Presence
from contexts.realtime.ports.conversation_directory import ConversationDirectory
from contexts.realtime.ports.presence_store import PresenceStore
from kernel.clock import Clock


class GetPresence:
    """A user sees the presence of their contacts, those they share a conversation with, and their
    own: the same people `presence` frames tell them of, with no limit on the conversation's size.
    Anyone else looks never seen, as an id that belongs to nobody does."""

    def __init__(self, store: PresenceStore, directory: ConversationDirectory, clock: Clock) -> None:
        self._store = store
        self._directory = directory
        self._clock = clock

    async def __call__(self, viewer_id: UUID, user_ids: Sequence[UUID]) -> list[Presence]:
        """Each user's presence as `viewer_id` may see it, in the order asked."""
        disclosed = await self._directory.contacts_among(viewer_id, user_ids) | {viewer_id}
        asked = [user_id for user_id in dict.fromkeys(user_ids) if user_id in disclosed]
        found = {
            presence.user_id: presence for presence in await self._store.presence(asked, self._clock.now())
        }
        return [found.get(user_id) or Presence.never_seen(user_id) for user_id in user_ids]
