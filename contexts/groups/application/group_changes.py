"""One change to one group, as a transaction: read it, change it, store it and its events together."""

from collections.abc import Awaitable, Callable
from uuid import UUID

from contexts.groups.application.integration_events import publish_events
from contexts.groups.domain.errors import GroupNotFoundError
from contexts.groups.domain.group import Group
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from kernel.concurrency import retry_on_concurrent_change

GroupCommand = Callable[[Group, GroupsUnitOfWork], Awaitable[None]]
"""Applies a command to the group read in the unit of work; raises to refuse it."""

CHANGE_ATTEMPTS = 3
"""How often a change is decided anew when other requests keep changing the group under it."""


async def change_group(
    unit_of_work: Callable[[], GroupsUnitOfWork], group_id: UUID, command: GroupCommand
) -> Group:
    """Apply `command` to the group, and answer the group as it is after it.

    Two requests may read a group at once (on PostgreSQL). The repository then keeps the second
    write from undoing the first (GroupChangedError), and the loser is decided again on the
    group as the winner left it: of two admins adding different people both succeed, of two
    adding the same person the second is told that person is already a member. After
    CHANGE_ATTEMPTS lost races the GroupChangedError stands, answered as a conflict.
    """
    return await retry_on_concurrent_change(
        lambda: _change_once(unit_of_work, group_id, command), attempts=CHANGE_ATTEMPTS
    )


async def _change_once(
    unit_of_work: Callable[[], GroupsUnitOfWork], group_id: UUID, command: GroupCommand
) -> Group:
    async with unit_of_work() as uow:
        group = await uow.groups.get(group_id)
        if group is None:
            raise GroupNotFoundError()
        await command(group, uow)
        events = group.pull_events()
        if not events:
            return group
        if group.is_deleted:
            await uow.groups.remove(group)
        else:
            await uow.groups.save(group)
        publish_events(uow, events)
        await uow.commit()
    return group
