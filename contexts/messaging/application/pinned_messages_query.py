from dataclasses import dataclass
from uuid import UUID

from contexts.messaging.application.conversation_queries import ConversationQueries
from contexts.messaging.application.reaction_count import ReactionCount
from contexts.messaging.domain.pin import PINS_PER_CONVERSATION
from contexts.messaging.ports.read_model_store import PinnedMessage, ReadModelReader


@dataclass(frozen=True)
class Pins:
    items: list[PinnedMessage]
    """The latest pinned first."""
    reactions: dict[str, list[ReactionCount]]
    """To the pinned messages, by message id, as the reader sees them: those that have any."""


class PinnedMessagesQuery:
    """A conversation's pins, answered from the read models like the rest of its queries."""

    def __init__(self, read_models: ReadModelReader, queries: ConversationQueries) -> None:
        self._read_models = read_models
        self._queries = queries

    async def __call__(self, user_id: UUID, conversation_id: UUID) -> Pins:
        """Every pinned message, the latest pinned first: a conversation holds few enough
        (PINS_PER_CONVERSATION) for one answer. To anyone but its participants there is no such
        conversation."""
        await self._queries.conversation(user_id, conversation_id)
        pinned = await self._read_models.pins(str(conversation_id), count=PINS_PER_CONVERSATION)
        return Pins(pinned, await self._queries.reactions(user_id, [pin.message for pin in pinned]))
