from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import ColumnElement, Row, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.identity.adapters.outbound.sqlalchemy.tables import refresh_tokens, sessions
from contexts.identity.domain.refresh_token import TokenDigest
from contexts.identity.domain.session import Session
from contexts.identity.ports.session_repository import SessionChangedError


@dataclass(frozen=True)
class _AsRead:
    """A session's state as this repository last read or wrote it: what `save` compares against."""

    version: int
    tokens: frozenset[TokenDigest]


class SqlAlchemySessionRepository:
    """Sessions, with optimistic concurrency: each write checks and bumps the row's version.

    On PostgreSQL two transactions may read a session at once; the check keeps the second
    write from undoing the first. (SQLite transactions queue, see `infra.db.database`, so there
    a session cannot change between a read and a write, and the check never fires.)
    """

    def __init__(self, db: AsyncSession) -> None:
        self._db = db
        self._as_read: dict[UUID, _AsRead] = {}

    async def add(self, session: Session) -> None:
        await self._db.execute(
            insert(sessions).values(
                id=session.id,
                user_id=session.user_id,
                rotation_key=session.rotation_key,
                current_token=session.current_token,
                previous_token=session.previous_token,
                rotated_at=session.rotated_at,
                started_at=session.started_at,
                expires_at=session.expires_at,
                revoked_at=session.revoked_at,
                version=1,
            )
        )
        await self._add_tokens(session.id, session.tokens)
        self._as_read[session.id] = _AsRead(1, frozenset(session.tokens))

    async def save(self, session: Session) -> None:
        as_read = self._as_read[session.id]
        written = await self._db.scalar(
            update(sessions)
            .where(sessions.c.id == session.id, sessions.c.version == as_read.version)
            .values(
                current_token=session.current_token,
                previous_token=session.previous_token,
                rotated_at=session.rotated_at,
                revoked_at=session.revoked_at,
                version=as_read.version + 1,
            )
            .returning(sessions.c.version)
        )
        if written is None:
            raise SessionChangedError()
        await self._add_tokens(session.id, session.tokens - as_read.tokens)
        self._as_read[session.id] = _AsRead(as_read.version + 1, frozenset(session.tokens))

    async def get(self, session_id: UUID) -> Session | None:
        return await self._one(sessions.c.id == session_id)

    async def get_by_token(self, token: TokenDigest) -> Session | None:
        family = select(refresh_tokens.c.session_id).where(refresh_tokens.c.digest == token)
        return await self._one(sessions.c.id == family.scalar_subquery())

    async def _one(self, condition: ColumnElement[bool]) -> Session | None:
        row = (await self._db.execute(select(sessions).where(condition))).one_or_none()
        return None if row is None else await self._session_of(row)

    async def _session_of(self, row: Row[tuple[object, ...]]) -> Session:
        tokens = frozenset(
            TokenDigest(digest)
            for digest in await self._db.scalars(
                select(refresh_tokens.c.digest).where(refresh_tokens.c.session_id == row.id)
            )
        )
        self._as_read[row.id] = _AsRead(row.version, tokens)
        return Session(
            id=row.id,
            user_id=row.user_id,
            rotation_key=row.rotation_key,
            current_token=row.current_token,
            rotated_tokens=set(tokens - {row.current_token}),
            previous_token=row.previous_token,
            rotated_at=row.rotated_at,
            started_at=row.started_at,
            expires_at=row.expires_at,
            revoked_at=row.revoked_at,
        )

    async def _add_tokens(self, session_id: UUID, tokens: set[TokenDigest]) -> None:
        if tokens:
            await self._db.execute(
                insert(refresh_tokens), [{"digest": token, "session_id": session_id} for token in tokens]
            )
