"""Which users exist, as far as groups knows: it learns of them from identity's registrations."""

from collections.abc import Collection
from uuid import UUID

from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from kernel.errors import InvalidValueError


class UnknownUsersError(InvalidValueError):
    def __init__(self, field: str, user_ids: Collection[UUID]) -> None:
        super().__init__(field, f"no such users: {', '.join(sorted(map(str, user_ids)))}")


async def record_known_user(uow: GroupsUnitOfWork, user_id: UUID) -> None:
    """An event handler: a registered user may now be added to groups."""
    await uow.known_users.add(user_id)


async def require_known_users(uow: GroupsUnitOfWork, user_ids: Collection[UUID], field: str) -> None:
    """Raise UnknownUsersError, naming `field`, unless every one of `user_ids` is known to exist."""
    unknown = await uow.known_users.unknown_among(user_ids)
    if unknown:
        raise UnknownUsersError(field, unknown)
