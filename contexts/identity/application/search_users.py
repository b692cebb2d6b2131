from collections.abc import Callable

from contexts.identity.application.user_view import UserView
from contexts.identity.domain.name_prefix import NamePrefix
from contexts.identity.ports.unit_of_work import IdentityUnitOfWork
from kernel.errors import InvalidValueError

SEARCH_LIMIT_DEFAULT = 20
SEARCH_LIMIT_MAX = 50
"""Search is for picking a person by name as one types, not for listing everyone."""


class SearchUsers:
    def __init__(self, unit_of_work: Callable[[], IdentityUnitOfWork]) -> None:
        self._unit_of_work = unit_of_work

    async def __call__(self, q: str, limit: int = SEARCH_LIMIT_DEFAULT) -> list[UserView]:
        prefix = NamePrefix(q)
        if not 1 <= limit <= SEARCH_LIMIT_MAX:
            raise InvalidValueError("limit", f"must be 1 to {SEARCH_LIMIT_MAX}")
        async with self._unit_of_work() as uow:
            users = await uow.users.search(prefix, limit)
        return [UserView.of(user) for user in users]
