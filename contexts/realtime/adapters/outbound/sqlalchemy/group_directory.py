from uuid import UUID

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contexts.realtime.adapters.outbound.sqlalchemy.tables import group_members, groups
from contexts.realtime.domain.group import ADMIN, OWNER, Group, GroupChange, Member
from infra.db.database import reading
from infra.db.upserts import upsert


class SqlAlchemyGroupDirectory:
    """A change writes the group's row and at most two of its members' rows (a handover writes the
    former owner's too); only a whole group writes every member."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def version(self, group_id: UUID) -> int:
        async with reading(self._sessions) as db:
            held = await db.scalar(select(groups.c.version).where(groups.c.id == group_id))
        return held or 0

    async def replace(self, group: Group) -> None:
        async with self._sessions() as db, db.begin():
            row = {
                "id": group.id,
                "name": group.name,
                "created_at": group.created_at,
                "version": group.version,
            }
            await upsert(db, groups, row, key=["id"], changing=["name", "created_at", "version"])
            await db.execute(delete(group_members).where(group_members.c.group_id == group.id))
            if group.members:
                await db.execute(insert(group_members), [_row(group.id, member) for member in group.members])

    async def apply(self, change: GroupChange) -> None:
        async with self._sessions() as db, db.begin():
            renamed = {} if change.name is None else {"name": change.name}
            await db.execute(
                update(groups).where(groups.c.id == change.group_id).values(version=change.version, **renamed)
            )
            if change.left is not None:
                await db.execute(
                    delete(group_members).where(
                        group_members.c.group_id == change.group_id, group_members.c.user_id == change.left
                    )
                )
            if change.joined is not None:
                await db.execute(insert(group_members).values(_row(change.group_id, change.joined)))
            if change.role_changed is not None:
                user_id, role = change.role_changed
                if role == OWNER:
                    await db.execute(
                        update(group_members)
                        .where(group_members.c.group_id == change.group_id, group_members.c.role == OWNER)
                        .values(role=ADMIN)
                    )
                await db.execute(
                    update(group_members)
                    .where(group_members.c.group_id == change.group_id, group_members.c.user_id == user_id)
                    .values(role=role)
                )

    async def group(self, group_id: UUID) -> Group:
        async with reading(self._sessions) as db:
            row = (await db.execute(select(groups).where(groups.c.id == group_id))).one()
            members = await db.execute(
                select(group_members.c.user_id, group_members.c.role, group_members.c.joined_at)
                .where(group_members.c.group_id == group_id)
                .order_by(group_members.c.joined_at, group_members.c.user_id)
            )
        return Group(
            row.id, row.version, row.name, row.created_at, tuple(Member(*member) for member in members)
        )


def _row(group_id: UUID, member: Member) -> dict[str, object]:
    return {
        "group_id": group_id,
        "user_id": member.user_id,
        "role": member.role,
        "joined_at": member.joined_at,
    }
