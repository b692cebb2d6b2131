from uuid import UUID

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.messaging.adapters.outbound.sqlalchemy.tables import earlier_bodies
from contexts.messaging.domain.earlier_body import EarlierBody
from contexts.messaging.domain.message_body import MessageBody


class SqlAlchemyEditHistory:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def append(self, message_id: UUID, earlier: EarlierBody) -> None:
        await self._db.execute(
            insert(earlier_bodies).values(
                message_id=message_id,
                body=earlier.body.value,
                written_at=earlier.written_at,
                replaced_at=earlier.replaced_at,
            )
        )

    async def of(self, message_id: UUID, *, count: int) -> list[EarlierBody]:
        latest = (
            await self._db.execute(
                select(earlier_bodies)
                .where(earlier_bodies.c.message_id == message_id)
                .order_by(earlier_bodies.c.id.desc())
                .limit(count)
            )
        ).all()
        return [
            EarlierBody(MessageBody(row.body), written_at=row.written_at, replaced_at=row.replaced_at)
            for row in reversed(latest)
        ]

    async def erase(self, message_id: UUID) -> None:
        await self._db.execute(delete(earlier_bodies).where(earlier_bodies.c.message_id == message_id))
