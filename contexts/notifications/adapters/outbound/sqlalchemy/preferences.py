from collections.abc import Collection
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.notifications.adapters.outbound.sqlalchemy.tables import preferences
from infra.db.upserts import upsert


class SqlAlchemyPreferences:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def set_muted(self, user_id: UUID, conversation_id: UUID, *, muted: bool) -> None:
        row = {"user_id": user_id, "conversation_id": conversation_id, "muted": muted}
        await upsert(self._db, preferences, row, key=["user_id", "conversation_id"], changing=["muted"])

    async def muted_among(self, conversation_id: UUID, user_ids: Collection[UUID]) -> set[UUID]:
        if not user_ids:
            return set()
        muted = await self._db.scalars(
            select(preferences.c.user_id).where(
                preferences.c.conversation_id == conversation_id,
                preferences.c.user_id.in_(user_ids),
                preferences.c.muted,
            )
        )
        return set(muted)
