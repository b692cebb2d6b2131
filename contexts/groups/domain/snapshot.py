from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from contexts.groups.domain.membership import Membership
from contexts.groups.domain.role import Role


@dataclass(frozen=True)
class GroupSnapshot:
    """A group as it is at one version, immutable: what queries answer and what each event carries."""

    id: UUID
    version: int
    name: str
    members: tuple[Membership, ...]
    """In the order they joined; those who joined at once, by user id."""
    created_at: datetime

    @property
    def owner_id(self) -> UUID:
        return next(member.user_id for member in self.members if member.role is Role.OWNER)
