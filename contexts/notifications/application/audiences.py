from collections.abc import Collection
from typing import Self
from uuid import UUID

from contexts.notifications.domain.conversation import Conversation
from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork
from kernel.copies import NotToldYetError


class Audiences:
    """Who takes part in the conversations of one batch of messaging's events, as they are at each
    event in turn: read from notifications' copy once for the whole batch, then kept up with the
    batch's own tellings of its conversations, so that a message notifies among those who took
    part when it was sent even when its batch also tells of a change after it."""

    def __init__(self, known: dict[UUID, frozenset[UUID]]) -> None:
        self._known = known

    @classmethod
    async def read(cls, uow: NotificationsUnitOfWork, conversation_ids: Collection[UUID]) -> Self:
        """Those of the conversations of the batch's messages, from the copy: one query."""
        return cls(await uow.participants.of(conversation_ids) if conversation_ids else {})

    async def told(self, conversation: Conversation, uow: NotificationsUnitOfWork) -> None:
        """An event handler: messaging told who takes part in a conversation, recorded unless a
        later telling was (a replay brought this one late)."""
        if await uow.participants.record(conversation):
            self._known[conversation.id] = conversation.participant_ids

    def of(self, conversation_id: UUID) -> frozenset[UUID]:
        """Who takes part in the conversation now, the sender of its message included.

        Raises NotToldYetError for a conversation notifications was never told of: the bus brings a
        conversation's telling before its messages, so the copy lags behind (the telling was
        dead-lettered, or the copy is new), and the consumer holds still until it is told rather
        than notify no one (ADR 25).
        """
        if conversation_id not in self._known:
            raise NotToldYetError(f"who takes part in conversation {conversation_id}")
        return self._known[conversation_id]
