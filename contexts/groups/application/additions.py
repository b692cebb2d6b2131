"""What keeps a user from being put into groups against their will: their consent, then an
allowance of additions (ADR 23).

Both come after the group's own rules and after the check that the users exist: only those
allowed to add members learn what a user chose, and an addition refused for any reason costs the
user's allowance nothing.
"""

from collections.abc import Collection
from uuid import UUID

from contexts.groups.domain.who_can_add import WhoCanAdd
from contexts.groups.ports.addition_limit import AdditionLimit
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from kernel.errors import PermissionDeniedError, RateLimitedError


class AdditionRefusedError(PermissionDeniedError):
    """A title of its own gives the problem a `type` of its own: clients tell it from a role's refusal."""

    title = "Addition refused"

    def __init__(self, user_ids: Collection[UUID]) -> None:
        who = "this user accepts" if len(user_ids) == 1 else "these users accept"
        super().__init__(
            f"{who} additions to groups only from people who already share a group with them:"
            f" {', '.join(sorted(map(str, user_ids)))}"
        )


class AdditionsUsedUpError(RateLimitedError):
    def __init__(self, user_id: UUID, retry_after_seconds: int) -> None:
        super().__init__(
            f"{user_id} was added to too many groups lately; try again in {retry_after_seconds} s.",
            retry_after_seconds,
        )


async def require_consent(uow: GroupsUnitOfWork, actor_id: UUID, user_ids: Collection[UUID]) -> None:
    """Raise AdditionRefusedError, naming them, unless each of `user_ids` lets `actor_id` add them."""
    choices = await uow.known_users.who_can_add(user_ids)
    only_contacts = {user_id for user_id, choice in choices.items() if choice is WhoCanAdd.CONTACTS}
    if not only_contacts:
        return
    strangers = only_contacts - await uow.groups.sharing_a_group_with(actor_id, only_contacts)
    if strangers:
        raise AdditionRefusedError(strangers)


async def spend_addition(limit: AdditionLimit, user_id: UUID) -> None:
    """Take one addition from `user_id`'s allowance; raise AdditionsUsedUpError, naming them, once
    it is used up."""
    try:
        await limit.take(str(user_id))
    except RateLimitedError as error:
        raise AdditionsUsedUpError(user_id, error.retry_after_seconds) from error
