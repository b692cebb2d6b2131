from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contexts.realtime.adapters.outbound.sqlalchemy.tables import messages as messages_table
from contexts.realtime.ports.message_log import LoggedMessage
from infra.db.database import reading
from infra.db.upserts import upsert_unless_newer


class SqlAlchemyMessageLog:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def record(self, messages: Sequence[LoggedMessage]) -> None:
        latest: dict[tuple[UUID, int], LoggedMessage] = {}
        for logged in messages:
            place = (logged.conversation_id, logged.seq)
            if place not in latest or latest[place].revision <= logged.revision:
                latest[place] = logged
        if not latest:
            return
        async with self._sessions() as db, db.begin():
            await upsert_unless_newer(
                db,
                messages_table,
                *(
                    {
                        "conversation_id": logged.conversation_id,
                        "seq": logged.seq,
                        "message": logged.message,
                        "revision": logged.revision,
                    }
                    for logged in latest.values()
                ),
                key=["conversation_id", "seq"],
                changing=["message", "revision"],
                revision="revision",
            )

    async def newest_seq(self, conversation_id: UUID) -> int:
        async with reading(self._sessions) as db:
            newest = await db.scalar(
                select(func.max(messages_table.c.seq)).where(
                    messages_table.c.conversation_id == conversation_id
                )
            )
        return int(newest or 0)

    async def after(self, conversation_id: UUID, seq: int, limit: int) -> Sequence[Mapping[str, Any]]:
        async with reading(self._sessions) as db:
            found = await db.scalars(
                select(messages_table.c.message)
                .where(messages_table.c.conversation_id == conversation_id, messages_table.c.seq > seq)
                .order_by(messages_table.c.seq)
                .limit(limit)
            )
            return list(found)
