"""What a member may do in a group; every group has exactly one owner."""

from enum import StrEnum
from typing import Self

from kernel.errors import InvalidValueError


class Role(StrEnum):
    OWNER = "owner"
    """Does everything admins do, and alone changes roles and deletes the group."""
    ADMIN = "admin"
    """Renames the group, adds members and removes anyone but the owner."""
    MEMBER = "member"

    @classmethod
    def parse(cls, text: str) -> Self:
        try:
            return cls(text)
        except ValueError:
            raise InvalidValueError("role", "must be one of: owner, admin, member") from None

    @property
    def manages_members(self) -> bool:
        return self is not Role.MEMBER
