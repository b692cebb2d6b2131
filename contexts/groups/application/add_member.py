from collections.abc import Callable
from uuid import UUID

from contexts.groups.application.additions import require_consent, spend_addition
from contexts.groups.application.group_changes import change_group
from contexts.groups.application.known_users import require_known_users
from contexts.groups.domain.group import Group
from contexts.groups.domain.role import Role
from contexts.groups.domain.snapshot import GroupSnapshot
from contexts.groups.ports.addition_limit import AdditionLimit
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from kernel.clock import Clock


class AddMember:
    def __init__(
        self,
        unit_of_work: Callable[[], GroupsUnitOfWork],
        clock: Clock,
        member_limit: int,
        addition_limit: AdditionLimit,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._member_limit = member_limit
        self._addition_limit = addition_limit

    async def __call__(self, actor_id: UUID, *, group_id: UUID, user_id: UUID, role: str) -> GroupSnapshot:
        new_role = Role.parse(role)
        spent = False

        async def add(group: Group, uow: GroupsUnitOfWork) -> None:
            nonlocal spent
            group.add_member(
                actor_id=actor_id,
                user_id=user_id,
                role=new_role,
                now=self._clock.now(),
                member_limit=self._member_limit,
            )
            # After the group's own rules: only those allowed to add members learn whether a user
            # exists, and whom they let add them.
            await require_known_users(uow, [user_id], "user_id")
            await require_consent(uow, actor_id, [user_id])
            if not spent:  # an addition decided again after a lost race is still one addition
                await spend_addition(self._addition_limit, user_id)
                spent = True

        return (await change_group(self._unit_of_work, group_id, add)).snapshot
