from collections.abc import Callable, Sequence
from uuid import UUID

from contexts.groups.application.additions import require_consent, spend_addition
from contexts.groups.application.integration_events import publish_events
from contexts.groups.application.known_users import require_known_users
from contexts.groups.domain.group import Group
from contexts.groups.domain.group_name import GroupName
from contexts.groups.domain.snapshot import GroupSnapshot
from contexts.groups.ports.addition_limit import AdditionLimit
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from kernel.clock import Clock


class CreateGroup:
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

    async def __call__(self, actor_id: UUID, name: str, member_ids: Sequence[UUID]) -> GroupSnapshot:
        group_name = GroupName.parse(name)
        others = set(member_ids) - {actor_id}
        async with self._unit_of_work() as uow:
            # The creator need not be known yet: their access token vouches for them.
            await require_known_users(uow, others, "member_ids")
            group = Group.create(
                group_name, actor_id, member_ids, self._clock.now(), member_limit=self._member_limit
            )
            # Listing people when creating a group adds them as surely as adding them one by one.
            await require_consent(uow, actor_id, others)
            for user_id in sorted(others):
                await spend_addition(self._addition_limit, user_id)
            await uow.groups.add(group)
            publish_events(uow, group.pull_events())
            await uow.commit()
        return group.snapshot
