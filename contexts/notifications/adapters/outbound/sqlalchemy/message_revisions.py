from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.notifications.adapters.outbound.sqlalchemy.tables import message_revisions
from infra.db.upserts import upsert_unless_newer


class SqlAlchemyMessageRevisions:
    """The upsert locks the message's row even when a higher revision keeps it unchanged, so on
    PostgreSQL a concurrent telling of the message waits for this transaction, then reads what it
    left: a deletion and a late `message_sent` cannot both think they came first."""

    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def advance(self, message_id: UUID, revision: int) -> bool:
        await upsert_unless_newer(
            self._db,
            message_revisions,
            {"message_id": message_id, "revision": revision},
            key=["message_id"],
            changing=["revision"],
            revision="revision",
        )
        reached = await self._db.scalar(
            select(message_revisions.c.revision).where(message_revisions.c.message_id == message_id)
        )
        return reached == revision
