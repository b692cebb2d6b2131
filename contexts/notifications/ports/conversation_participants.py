from collections.abc import Collection
from typing import Protocol
from uuid import UUID

from contexts.notifications.domain.conversation import Conversation


class ConversationParticipants(Protocol):
    """Who takes part in each conversation: notifications' own copy, told by messaging's
    conversation events, since its message events name only their conversation (ADR 25).

    Messaging's events of one conversation arrive in order, but a replay can bring an older
    telling after a newer one, which must not undo it.
    """

    async def record(self, conversation: Conversation) -> bool:
        """Record who takes part, unless a later telling was recorded; answers whether it was not
        (the telling is news). Until the unit of work ends, a concurrent one telling of the same
        conversation waits, then sees this one's answer."""
        ...

    async def of(self, conversation_ids: Collection[UUID]) -> dict[UUID, frozenset[UUID]]:
        """Who takes part in each of `conversation_ids` that notifications was told of."""
        ...
