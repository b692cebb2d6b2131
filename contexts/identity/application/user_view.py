from dataclasses import dataclass
from datetime import datetime
from typing import Self
from uuid import UUID

from contexts.identity.domain.user import User


@dataclass(frozen=True)
class UserView:
    """A user as anyone may see them: no credentials."""

    id: UUID
    username: str
    display_name: str
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> Self:
        return cls(user.id, user.username.value, user.display_name.value, user.created_at)
