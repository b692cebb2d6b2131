from collections.abc import Collection
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.notifications.adapters.outbound.sqlalchemy.tables import conversations
from contexts.notifications.domain.conversation import Conversation
from infra.db.upserts import upsert_unless_newer


class SqlAlchemyConversationParticipants:
    """The upsert locks the conversation's row even when a later telling keeps it unchanged, so on
    PostgreSQL a concurrent telling of the conversation waits for this transaction, then reads what
    it left."""

    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def record(self, conversation: Conversation) -> bool:
        await upsert_unless_newer(
            self._db,
            conversations,
            {
                "id": conversation.id,
                "participant_ids": sorted(map(str, conversation.participant_ids)),
                "revision": conversation.revision,
            },
            key=["id"],
            changing=["participant_ids", "revision"],
            revision="revision",
        )
        reached = await self._db.scalar(
            select(conversations.c.revision).where(conversations.c.id == conversation.id)
        )
        return reached == conversation.revision

    async def of(self, conversation_ids: Collection[UUID]) -> dict[UUID, frozenset[UUID]]:
        rows = await self._db.execute(
            select(conversations.c.id, conversations.c.participant_ids).where(
                conversations.c.id.in_(conversation_ids)
            )
        )
        return {
            conversation_id: frozenset(map(UUID, participant_ids))
            for conversation_id, participant_ids in rows
        }
