from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.messaging.adapters.outbound.sqlalchemy.tables import read_markers
from contexts.messaging.domain.read_marker import ReadMarker
from infra.db.upserts import insert_if_missing


class SqlAlchemyReadMarkerRepository:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def get_for_update(self, conversation_id: UUID, user_id: UUID) -> ReadMarker:
        # A row to lock must exist, so a marker is created at 0 the first time it is asked for.
        key = {"conversation_id": conversation_id, "user_id": user_id}
        await insert_if_missing(self._db, read_markers, {**key, "seq": 0})
        seq = await self._db.scalar(select(read_markers.c.seq).filter_by(**key).with_for_update())
        return ReadMarker(conversation_id, user_id, seq or 0)

    async def save(self, marker: ReadMarker) -> None:
        await self._db.execute(
            update(read_markers)
            .filter_by(conversation_id=marker.conversation_id, user_id=marker.user_id)
            .values(seq=marker.seq)
        )

    async def of_conversation(self, conversation_id: UUID) -> list[ReadMarker]:
        rows = await self._db.execute(select(read_markers).filter_by(conversation_id=conversation_id))
        return [ReadMarker(row.conversation_id, row.user_id, row.seq) for row in rows]
