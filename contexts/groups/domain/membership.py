from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from contexts.groups.domain.role import Role


@dataclass(frozen=True)
class Membership:
    """That a user belongs to a group, in which role, and since when."""

    user_id: UUID
    role: Role
    joined_at: datetime
