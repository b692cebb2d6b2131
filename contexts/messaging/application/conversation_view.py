from dataclasses import dataclass
from datetime import datetime
from typing import Self
from uuid import UUID

from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.domain.conversation_kind import ConversationKind


@dataclass(frozen=True)
class ConversationView:
    """A conversation as its participants see it: no roles, no bookkeeping."""

    id: UUID
    kind: ConversationKind
    title: str | None
    participant_ids: list[UUID]
    created_at: datetime
    closed: bool

    @classmethod
    def of(cls, conversation: Conversation) -> Self:
        return cls(
            id=conversation.id,
            kind=conversation.kind,
            title=conversation.title,
            participant_ids=sorted(conversation.participant_ids),
            created_at=conversation.created_at,
            closed=conversation.closed,
        )
