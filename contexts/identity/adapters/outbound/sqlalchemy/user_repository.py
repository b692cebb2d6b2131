from uuid import UUID

from sqlalchemy import ColumnElement, Row, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.identity.adapters.outbound.sqlalchemy.tables import users
from contexts.identity.domain.display_name import DisplayName
from contexts.identity.domain.errors import UsernameTakenError
from contexts.identity.domain.name_prefix import NamePrefix
from contexts.identity.domain.user import User
from contexts.identity.domain.username import Username


class SqlAlchemyUserRepository:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def add(self, user: User) -> None:
        try:
            await self._db.execute(insert(users).values(id=user.id, **_columns(user)))
        except IntegrityError as error:
            # The unique username index is the one constraint a new row can break; it also
            # catches the registration that took the name after the caller checked it.
            raise UsernameTakenError() from error

    async def save(self, user: User) -> None:
        await self._db.execute(update(users).where(users.c.id == user.id).values(**_columns(user)))

    async def get(self, user_id: UUID) -> User | None:
        return await self._one(users.c.id == user_id)

    async def get_by_username(self, username: Username) -> User | None:
        return await self._one(users.c.username == username.value)

    async def search(self, prefix: NamePrefix, limit: int) -> list[User]:
        pattern = _starting_with(prefix.search_key)
        rows = await self._db.execute(
            select(users)
            .where(
                or_(
                    users.c.username.like(pattern, escape="/"),
                    users.c.display_name_key.like(pattern, escape="/"),
                )
            )
            .order_by(users.c.username)
            .limit(limit)
        )
        return [_user(row) for row in rows]

    async def _one(self, condition: ColumnElement[bool]) -> User | None:
        row = (await self._db.execute(select(users).where(condition))).one_or_none()
        return None if row is None else _user(row)


def _columns(user: User) -> dict[str, object]:
    """A user's row, but for its key."""
    return {
        "username": user.username.value,
        "display_name": user.display_name.value,
        "display_name_key": user.display_name.search_key,
        "password_hash": user.password_hash,
        "created_at": user.created_at,
    }


def _user(row: Row[tuple[object, ...]]) -> User:
    return User(
        id=row.id,
        username=Username(row.username),
        display_name=DisplayName(row.display_name),
        password_hash=row.password_hash,
        created_at=row.created_at,
    )


def _starting_with(text: str) -> str:
    """A LIKE pattern matching what starts with `text`, whose own `%` and `_` match only themselves."""
    escaped = text.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"{escaped}%"
