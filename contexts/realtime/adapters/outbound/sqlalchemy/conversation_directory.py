from collections.abc import Collection, Mapping
from uuid import UUID

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contexts.realtime.adapters.outbound.sqlalchemy.tables import participants
from infra.db.database import reading
from infra.db.upserts import insert_if_missing


class SqlAlchemyConversationDirectory:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def record(self, conversations: Mapping[UUID, Collection[UUID]]) -> None:
        # Removing only those who left and adding only those who are missing, rather than
        # replacing every row, lets an event that two instances consume at once (redelivered
        # while the consumer group rebalances) be recorded by both, neither failing on the
        # other's rows.
        if not conversations:
            return
        async with self._sessions() as db, db.begin():
            await db.execute(
                delete(participants).where(
                    or_(
                        *(
                            and_(
                                participants.c.conversation_id == conversation_id,
                                participants.c.user_id.not_in(participant_ids),
                            )
                            for conversation_id, participant_ids in conversations.items()
                        )
                    )
                )
            )
            await insert_if_missing(
                db,
                participants,
                *(
                    {"conversation_id": conversation_id, "user_id": user_id}
                    for conversation_id, participant_ids in conversations.items()
                    for user_id in participant_ids
                ),
            )

    async def participants(self, conversation_id: UUID) -> frozenset[UUID]:
        return (await self.participants_of([conversation_id])).get(conversation_id, frozenset())

    async def participants_of(self, conversation_ids: Collection[UUID]) -> dict[UUID, frozenset[UUID]]:
        async with reading(self._sessions) as db:
            rows = await db.execute(
                select(participants.c.conversation_id, participants.c.user_id).where(
                    participants.c.conversation_id.in_(conversation_ids)
                )
            )
        found: dict[UUID, set[UUID]] = {}
        for conversation_id, user_id in rows:
            found.setdefault(conversation_id, set()).add(user_id)
        return {conversation_id: frozenset(user_ids) for conversation_id, user_ids in found.items()}

    async def contacts(self, user_id: UUID, largest_conversation: int) -> frozenset[UUID]:
        mine, theirs, counted = (
            participants.alias("mine"),
            participants.alias("theirs"),
            participants.alias("counted"),
        )
        size = (
            select(func.count())
            .select_from(counted)
            .where(counted.c.conversation_id == mine.c.conversation_id)
            .scalar_subquery()
        )
        async with reading(self._sessions) as db:
            found = await db.scalars(
                select(theirs.c.user_id)
                .distinct()
                .join(mine, mine.c.conversation_id == theirs.c.conversation_id)
                .where(mine.c.user_id == user_id, theirs.c.user_id != user_id, size <= largest_conversation)
            )
            return frozenset(found)

    async def contacts_among(self, user_id: UUID, candidates: Collection[UUID]) -> frozenset[UUID]:
        mine, theirs = participants.alias("mine"), participants.alias("theirs")
        async with reading(self._sessions) as db:
            found = await db.scalars(
                select(theirs.c.user_id)
                .distinct()
                .join(mine, mine.c.conversation_id == theirs.c.conversation_id)
                .where(mine.c.user_id == user_id, theirs.c.user_id.in_(set(candidates) - {user_id}))
            )
            return frozenset(found)
