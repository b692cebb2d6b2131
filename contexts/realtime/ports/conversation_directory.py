from collections.abc import Collection, Mapping
from typing import Protocol
from uuid import UUID


class ConversationDirectory(Protocol):
    """Who takes part in each conversation, as realtime last heard from messaging.

    Realtime keeps its own copy so that whom a message goes to, typing, presence and resume are
    decided locally, without asking messaging on every frame; messaging tells who takes part only
    when it changes (ADR 25).
    """

    async def record(self, conversations: Mapping[UUID, Collection[UUID]]) -> None:
        """Replace each conversation's participants with those given for it, all at once."""
        ...

    async def participants(self, conversation_id: UUID) -> frozenset[UUID]:
        """Empty for a conversation realtime has not heard of."""
        ...

    async def participants_of(self, conversation_ids: Collection[UUID]) -> dict[UUID, frozenset[UUID]]:
        """The participants of each of these conversations that realtime has heard of."""
        ...

    async def contacts(self, user_id: UUID, largest_conversation: int) -> frozenset[UUID]:
        """Everyone who shares with `user_id` at least one conversation of at most
        `largest_conversation` participants, not counting them."""
        ...

    async def contacts_among(self, user_id: UUID, candidates: Collection[UUID]) -> frozenset[UUID]:
        """Those of `candidates` who share with `user_id` at least one conversation, of any size,
        not counting them."""
        ...
