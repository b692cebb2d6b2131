from collections.abc import Collection
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.groups.adapters.outbound.sqlalchemy.tables import known_users
from contexts.groups.domain.who_can_add import WhoCanAdd
from infra.db.upserts import insert_if_missing, upsert


class SqlAlchemyKnownUsers:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def add(self, user_id: UUID) -> None:
        await insert_if_missing(self._db, known_users, {"user_id": user_id})

    async def unknown_among(self, user_ids: Collection[UUID]) -> set[UUID]:
        if not user_ids:
            return set()
        known = await self._db.scalars(
            select(known_users.c.user_id).where(known_users.c.user_id.in_(user_ids))
        )
        return set(user_ids) - set(known)

    async def who_can_add(self, user_ids: Collection[UUID]) -> dict[UUID, WhoCanAdd]:
        choices = dict.fromkeys(user_ids, WhoCanAdd.EVERYONE)
        if choices:
            rows = await self._db.execute(
                select(known_users.c.user_id, known_users.c.who_can_add).where(
                    known_users.c.user_id.in_(choices)
                )
            )
            choices.update((row.user_id, WhoCanAdd(row.who_can_add)) for row in rows)
        return choices

    async def choose_who_can_add(self, user_id: UUID, choice: WhoCanAdd) -> None:
        await upsert(
            self._db,
            known_users,
            {"user_id": user_id, "who_can_add": choice.value},
            key=["user_id"],
            changing=["who_can_add"],
        )
