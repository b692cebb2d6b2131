from typing import Protocol
from uuid import UUID

from contexts.realtime.domain.group import Group, GroupChange


class GroupDirectory(Protocol):
    """Each group as realtime last heard from groups: what its frames show, and who they go to."""

    async def version(self, group_id: UUID) -> int:
        """The version of the group held; 0 for a group not heard of."""
        ...

    async def replace(self, group: Group) -> None:
        """Hold the whole group in place of what was held of it."""
        ...

    async def apply(self, change: GroupChange) -> None:
        """Write the change to the group held; what it writes does not grow with the group."""
        ...

    async def group(self, group_id: UUID) -> Group:
        """The group held; only asked of a group that is held."""
        ...
