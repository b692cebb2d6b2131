"""A group as realtime shows it in `group.updated` frames, and the changes that groups tells of it.

Groups tells each change alone (its events carry the change, not the group), while a frame shows
the whole group after it, so realtime keeps its own copy of each group and changes it one
version at a time. Roles and times stay in the published language's words, since realtime only
passes them on.
"""

import dataclasses
from dataclasses import dataclass
from typing import Any
from uuid import UUID

OWNER = "owner"
ADMIN = "admin"


@dataclass(frozen=True)
class Member:
    user_id: UUID
    role: str
    joined_at: str


@dataclass(frozen=True)
class Group:
    id: UUID
    version: int
    name: str
    created_at: str
    members: tuple[Member, ...]
    """In the order they joined; those who joined at once, by user id."""

    @property
    def member_ids(self) -> frozenset[UUID]:
        return frozenset(member.user_id for member in self.members)

    def after(self, change: "GroupChange") -> "Group":
        """The group once `change` is made to it: what a copy that writes only the change must hold."""
        members = {member.user_id: member for member in self.members}
        if change.left is not None:
            members.pop(change.left, None)
        if change.joined is not None:
            members[change.joined.user_id] = change.joined
        if change.role_changed is not None:
            user_id, role = change.role_changed
            if role == OWNER:
                members = {
                    id: dataclasses.replace(m, role=ADMIN) if m.role == OWNER else m
                    for id, m in members.items()
                }
            members[user_id] = dataclasses.replace(members[user_id], role=role)
        return dataclasses.replace(
            self,
            version=change.version,
            name=change.name or self.name,
            members=tuple(sorted(members.values(), key=lambda m: (m.joined_at, str(m.user_id)))),
        )

    def published(self) -> dict[str, Any]:
        """As `GET /api/v1/groups/{id}` answers it."""
        return {
            "id": str(self.id),
            "name": self.name,
            "owner_id": next((str(m.user_id) for m in self.members if m.role == OWNER), None),
            "members": [
                {"user_id": str(m.user_id), "role": m.role, "joined_at": m.joined_at} for m in self.members
            ],
            "created_at": self.created_at,
        }


@dataclass(frozen=True)
class GroupChange:
    """One change to a group, and the group's `version` after it; a deletion changes nothing else."""

    group_id: UUID
    version: int
    name: str | None = None
    joined: Member | None = None
    left: UUID | None = None
    role_changed: tuple[UUID, str] | None = None
    """A member and their new role; made owner, they take over from the owner, who becomes an admin."""
