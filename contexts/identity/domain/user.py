"""A user: a person's account, with the credentials that prove it is theirs."""

from datetime import datetime
from typing import Self
from uuid import UUID

from contexts.identity.domain.display_name import DisplayName
from contexts.identity.domain.events import UserProfileChanged, UserRegistered
from contexts.identity.domain.username import Username
from kernel.aggregate import AggregateRoot
from kernel.ids import new_id


class User(AggregateRoot):
    def __init__(
        self,
        id: UUID,
        username: Username,
        display_name: DisplayName,
        password_hash: str,
        created_at: datetime,
    ) -> None:
        super().__init__(id)
        self.username = username
        self.display_name = display_name
        self.password_hash = password_hash
        self.created_at = created_at

    @classmethod
    def register(
        cls, username: Username, display_name: DisplayName, password_hash: str, now: datetime
    ) -> Self:
        """A new account; that the username is free is checked against all others by the caller."""
        user = cls(new_id(), username, display_name, password_hash, now)
        user.record(
            UserRegistered(
                user_id=user.id, username=username.value, display_name=display_name.value, occurred_at=now
            )
        )
        return user

    def change_display_name(self, display_name: DisplayName, now: datetime) -> None:
        if display_name == self.display_name:
            return
        self.display_name = display_name
        self.record(
            UserProfileChanged(
                user_id=self.id,
                username=self.username.value,
                display_name=display_name.value,
                occurred_at=now,
            )
        )
