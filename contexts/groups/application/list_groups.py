from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

from contexts.groups.ports.group_listing import GroupListing, ListPosition
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from kernel.cursor import Key, cursor_of, key_of, not_a_cursor

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True)
class GroupPage:
    items: list[GroupListing]
    """The oldest first."""
    next_cursor: str | None
    """Where the next page starts; None on the last page."""


class ListGroups:
    """The groups the caller belongs to, oldest first (then by id), a page at a time."""

    def __init__(self, unit_of_work: Callable[[], GroupsUnitOfWork]) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, actor_id: UUID, *, cursor: str | None, limit: int) -> GroupPage:
        after = None if cursor is None else _position(key_of(cursor, (int, UUID)))
        async with self._unit_of_work() as uow:
            # One more than asked for tells whether there are more.
            found = await uow.groups.listed_for(actor_id, after=after, count=limit + 1)
        page = found[:limit]
        more = len(found) > limit
        return GroupPage(items=page, next_cursor=cursor_of(_key(page[-1].position)) if more else None)


def _key(position: ListPosition) -> Key:
    created_at, group_id = position
    return (created_at - _EPOCH) // _MICROSECOND, str(group_id)


def _position(key: Key) -> ListPosition:
    microseconds, group_id = key
    try:
        return _EPOCH + int(microseconds) * _MICROSECOND, UUID(str(group_id))
    except OverflowError as error:  # beyond the years a datetime holds
        raise not_a_cursor() from error
