from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import ColumnElement, Row, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.groups.adapters.outbound.sqlalchemy.tables import groups, members
from contexts.groups.domain.group import Group
from contexts.groups.domain.group_name import GroupName
from contexts.groups.domain.membership import Membership
from contexts.groups.domain.role import Role
from contexts.groups.ports.group_listing import LISTED_MEMBERS, GroupListing, ListPosition
from contexts.groups.ports.group_repository import GroupChangedError


@dataclass(frozen=True)
class _AsRead:
    """A group's state as this repository last read or wrote it: what `save` compares against."""

    version: int
    members: Mapping[UUID, Membership]


class SqlAlchemyGroupRepository:
    """Groups, with optimistic concurrency: each write checks that the row still has the version read.

    On PostgreSQL two transactions may read a group at once; the check keeps the second write
    from undoing the first. (SQLite transactions queue, see `infra.db.database`, so there a group
    cannot change between a read and a write, and the check never fires.) A write stores the
    aggregate's own version, which its events carry too.
    """

    def __init__(self, db: AsyncSession) -> None:
        self._db = db
        self._as_read: dict[UUID, _AsRead] = {}

    async def add(self, group: Group) -> None:
        await self._db.execute(
            insert(groups).values(
                id=group.id, name=group.name.value, created_at=group.created_at, version=group.version
            )
        )
        await self._add_members(group.id, group.members)
        self._as_read[group.id] = _AsRead(group.version, _by_user(group.members))

    async def save(self, group: Group) -> None:
        as_read = await self._claim(group)
        current = _by_user(group.members)
        gone = as_read.members.keys() - current.keys()
        if gone:
            await self._db.execute(
                delete(members).where(members.c.group_id == group.id, members.c.user_id.in_(gone))
            )
        for member in current.values():
            before = as_read.members.get(member.user_id)
            if before is not None and before.role is not member.role:
                await self._db.execute(
                    update(members)
                    .where(members.c.group_id == group.id, members.c.user_id == member.user_id)
                    .values(role=member.role.value)
                )
        await self._add_members(group.id, [m for m in current.values() if m.user_id not in as_read.members])
        self._as_read[group.id] = _AsRead(group.version, current)

    async def remove(self, group: Group) -> None:
        await self._claim(group)
        # Its members go with it (ON DELETE CASCADE).
        await self._db.execute(delete(groups).where(groups.c.id == group.id))
        del self._as_read[group.id]

    async def get(self, group_id: UUID) -> Group | None:
        found = await self._groups(groups.c.id == group_id)
        return found[0] if found else None

    async def listed_for(
        self, user_id: UUID, *, after: ListPosition | None, count: int
    ) -> list[GroupListing]:
        """Three statements whatever the groups' sizes: the page of groups, then their member
        counts, then their first members and owners (ranked in the database, not read whole)."""
        created_at, group_id = groups.c.created_at, groups.c.id
        page = (
            select(group_id, groups.c.name, created_at)
            .join(members, members.c.group_id == group_id)
            .where(members.c.user_id == user_id)
            .order_by(created_at, group_id)
            .limit(count)
        )
        if after is not None:
            page = page.where((created_at > after[0]) | ((created_at == after[0]) & (group_id > after[1])))
        rows = (await self._db.execute(page)).all()
        ids = [row.id for row in rows]
        counts = await self._db.execute(
            select(members.c.group_id, func.count())
            .where(members.c.group_id.in_(ids))
            .group_by(members.c.group_id)
        )
        member_count = {row[0]: row[1] for row in counts}
        place = func.row_number().over(
            partition_by=members.c.group_id, order_by=(members.c.joined_at, members.c.user_id)
        )
        ranked = select(members, place.label("place")).where(members.c.group_id.in_(ids)).subquery()
        listed: dict[UUID, list[Membership]] = {group: [] for group in ids}
        owner: dict[UUID, UUID] = {}
        for member in await self._db.execute(
            select(ranked)
            .where((ranked.c.place <= LISTED_MEMBERS) | (ranked.c.role == Role.OWNER.value))
            .order_by(ranked.c.place)
        ):
            if member.role == Role.OWNER.value:
                owner[member.group_id] = member.user_id
            if member.place <= LISTED_MEMBERS:
                listed[member.group_id].append(
                    Membership(member.user_id, Role(member.role), member.joined_at)
                )
        return [
            GroupListing(
                id=row.id,
                name=row.name,
                owner_id=owner[row.id],
                member_count=member_count[row.id],
                members=tuple(listed[row.id]),
                created_at=row.created_at,
            )
            for row in rows
        ]

    async def sharing_a_group_with(self, user_id: UUID, among: Collection[UUID]) -> set[UUID]:
        if not among:
            return set()
        theirs = members.alias("theirs")
        found = await self._db.scalars(
            select(theirs.c.user_id)
            .distinct()
            .join(members, members.c.group_id == theirs.c.group_id)
            .where(members.c.user_id == user_id, theirs.c.user_id.in_(among))
        )
        return set(found)

    async def _claim(self, group: Group) -> _AsRead:
        """Write the group's row if it still has the version read (locking it till commit), and
        answer what was read; raise GroupChangedError if another transaction wrote it since."""
        as_read = self._as_read[group.id]
        claimed = await self._db.scalar(
            update(groups)
            .where(groups.c.id == group.id, groups.c.version == as_read.version)
            .values(name=group.name.value, version=group.version)
            .returning(groups.c.id)
        )
        if claimed is None:
            raise GroupChangedError()
        return as_read

    async def _groups(self, condition: ColumnElement[bool]) -> list[Group]:
        rows = (
            await self._db.execute(select(groups).where(condition).order_by(groups.c.created_at, groups.c.id))
        ).all()
        if not rows:
            return []
        memberships: dict[UUID, list[Membership]] = {row.id: [] for row in rows}
        for member in await self._db.execute(select(members).where(members.c.group_id.in_(memberships))):
            memberships[member.group_id].append(
                Membership(member.user_id, Role(member.role), member.joined_at)
            )
        found = [_group(row, memberships[row.id]) for row in rows]
        for group in found:
            self._as_read[group.id] = _AsRead(group.version, _by_user(group.members))
        return found

    async def _add_members(self, group_id: UUID, added: Iterable[Membership]) -> None:
        rows = [
            {"group_id": group_id, "user_id": m.user_id, "role": m.role.value, "joined_at": m.joined_at}
            for m in added
        ]
        if rows:
            await self._db.execute(insert(members), rows)


def _group(row: Row[tuple[object, ...]], memberships: list[Membership]) -> Group:
    return Group(
        id=row.id,
        name=GroupName(row.name),
        members=memberships,
        created_at=row.created_at,
        version=row.version,
    )


def _by_user(memberships: Iterable[Membership]) -> dict[UUID, Membership]:
    return {member.user_id: member for member in memberships}
