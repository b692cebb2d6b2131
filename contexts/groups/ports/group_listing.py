from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from contexts.groups.domain.membership import Membership

LISTED_MEMBERS = 20
"""The members a group names in a list of groups: a list item costs the same whether the group
has three members or a thousand (the group itself names them all)."""

ListPosition = tuple[datetime, UUID]
"""Where a group stands in a list of groups: when it was created, and its id."""


@dataclass(frozen=True)
class GroupListing:
    """A group in one user's list of groups."""

    id: UUID
    name: str
    owner_id: UUID
    member_count: int
    members: tuple[Membership, ...]
    """The first LISTED_MEMBERS, in the order they joined (those who joined at once, by user id)."""
    created_at: datetime

    @property
    def position(self) -> ListPosition:
        return self.created_at, self.id
