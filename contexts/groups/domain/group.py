"""A group: people who talk together, each a member in one role, with exactly one owner.

Who may do what:
- the owner or an admin renames the group, adds members and removes anyone but the owner;
- only the owner makes admins (by adding or by changing a role), changes roles, hands
  ownership over and deletes the group;
- anyone leaves, except the owner while other members remain; an owner who is the last
  member leaving deletes the group.
Outsiders are told the group does not exist, whatever they try.

Every change raises the version by one and records an event carrying the group as it is after
the change, so the events of one group are ordered and each is complete on its own.
"""

import dataclasses
from collections.abc import Iterable
from datetime import datetime
from typing import Self
from uuid import UUID

from contexts.groups.domain.errors import (
    AlreadyMemberError,
    GroupFullError,
    GroupNotFoundError,
    MemberNotFoundError,
    OwnerCannotLeaveError,
    OwnerStaysOwnerError,
)
from contexts.groups.domain.events import (
    GroupCreated,
    GroupDeleted,
    GroupRenamed,
    MemberAdded,
    MemberRemoved,
    MemberRoleChanged,
)
from contexts.groups.domain.group_name import GroupName
from contexts.groups.domain.membership import Membership
from contexts.groups.domain.role import Role
from contexts.groups.domain.snapshot import GroupSnapshot
from kernel.aggregate import AggregateRoot
from kernel.errors import InvalidValueError, PermissionDeniedError
from kernel.ids import new_id


class Group(AggregateRoot):
    def __init__(
        self, id: UUID, name: GroupName, members: Iterable[Membership], created_at: datetime, version: int
    ) -> None:
        super().__init__(id)
        self.name = name
        self._members = {member.user_id: member for member in members}
        self.created_at = created_at
        self.version = version
        self.is_deleted = False

    @classmethod
    def create(
        cls, name: GroupName, owner_id: UUID, member_ids: Iterable[UUID], now: datetime, *, member_limit: int
    ) -> Self:
        """A new group owned by its creator; `member_ids` join as members.

        The creator listed among them, and ids listed twice, count once: the list says who is
        in the group, not how often.
        """
        others = [user_id for user_id in dict.fromkeys(member_ids) if user_id != owner_id]
        if 1 + len(others) > member_limit:
            raise InvalidValueError(
                "member_ids", f"a group has at most {member_limit} members, its owner included"
            )
        members = [Membership(owner_id, Role.OWNER, now), *(Membership(u, Role.MEMBER, now) for u in others)]
        group = cls(new_id(), name, members, now, version=1)
        group.record(
            GroupCreated(
                group_id=group.id,
                version=group.version,
                actor_id=owner_id,
                occurred_at=now,
                group=group.snapshot,
            )
        )
        return group

    @property
    def members(self) -> tuple[Membership, ...]:
        return tuple(sorted(self._members.values(), key=lambda member: (member.joined_at, member.user_id)))

    @property
    def owner_id(self) -> UUID:
        return next(user_id for user_id, member in self._members.items() if member.role is Role.OWNER)

    @property
    def snapshot(self) -> GroupSnapshot:
        return GroupSnapshot(self.id, self.version, self.name.value, self.members, self.created_at)

    def is_member(self, user_id: UUID) -> bool:
        return not self.is_deleted and user_id in self._members

    def rename(self, actor_id: UUID, name: GroupName, now: datetime) -> None:
        if not self._role_of_actor(actor_id).manages_members:
            raise PermissionDeniedError("only the owner or an admin may rename the group")
        if name == self.name:
            return
        self.name = name
        self.version += 1
        self.record(
            GroupRenamed(
                group_id=self.id, version=self.version, actor_id=actor_id, occurred_at=now, name=name.value
            )
        )

    def add_member(
        self, *, actor_id: UUID, user_id: UUID, role: Role, now: datetime, member_limit: int
    ) -> None:
        """`member_limit` bounds what a group costs every change and message of it: each goes to
        every member."""
        actor_role = self._role_of_actor(actor_id)
        if not actor_role.manages_members:
            raise PermissionDeniedError("only the owner or an admin may add members")
        if role is Role.OWNER:
            raise InvalidValueError("role", "a member joins as member or admin")
        if role is Role.ADMIN and actor_role is not Role.OWNER:
            raise PermissionDeniedError("only the owner may make admins")
        if user_id in self._members:
            raise AlreadyMemberError()
        if len(self._members) >= member_limit:
            raise GroupFullError(member_limit)
        member = self._members[user_id] = Membership(user_id, role, now)
        self.version += 1
        self.record(
            MemberAdded(
                group_id=self.id,
                version=self.version,
                actor_id=actor_id,
                occurred_at=now,
                member=member,
                group_name=self.name.value,
            )
        )

    def change_role(self, *, actor_id: UUID, user_id: UUID, role: Role, now: datetime) -> None:
        """Give a member another role.

        Making a member the owner hands ownership over: the former owner becomes an admin.
        """
        if self._role_of_actor(actor_id) is not Role.OWNER:
            raise PermissionDeniedError("only the owner may change roles")
        member = self._member(user_id)
        if member.role is role:
            return
        if member.role is Role.OWNER:
            raise OwnerStaysOwnerError()
        if role is Role.OWNER:
            self._members[actor_id] = dataclasses.replace(self._members[actor_id], role=Role.ADMIN)
        self._members[user_id] = dataclasses.replace(member, role=role)
        self.version += 1
        self.record(
            MemberRoleChanged(
                group_id=self.id,
                version=self.version,
                actor_id=actor_id,
                occurred_at=now,
                user_id=user_id,
                role=role,
            )
        )

    def remove_member(self, *, actor_id: UUID, user_id: UUID, now: datetime) -> None:
        """Remove `user_id`, or leave when it is the actor; the owner leaving alone deletes the group."""
        actor_role = self._role_of_actor(actor_id)
        if user_id == actor_id:
            if actor_role is Role.OWNER:
                if len(self._members) > 1:
                    raise OwnerCannotLeaveError()
                self._delete(actor_id, now)
                return
        else:
            if not actor_role.manages_members:
                raise PermissionDeniedError("only the owner or an admin may remove others")
            if self._member(user_id).role is Role.OWNER:
                raise PermissionDeniedError("nobody may remove the owner")
        del self._members[user_id]
        self.version += 1
        self.record(
            MemberRemoved(
                group_id=self.id, version=self.version, actor_id=actor_id, occurred_at=now, user_id=user_id
            )
        )

    def delete(self, actor_id: UUID, now: datetime) -> None:
        if self._role_of_actor(actor_id) is not Role.OWNER:
            raise PermissionDeniedError("only the owner may delete the group")
        self._delete(actor_id, now)

    def _delete(self, actor_id: UUID, now: datetime) -> None:
        self.is_deleted = True
        self.version += 1
        self.record(GroupDeleted(group_id=self.id, version=self.version, actor_id=actor_id, occurred_at=now))

    def _role_of_actor(self, actor_id: UUID) -> Role:
        if not self.is_member(actor_id):
            raise GroupNotFoundError()
        return self._members[actor_id].role

    def _member(self, user_id: UUID) -> Membership:
        try:
            return self._members[user_id]
        except KeyError:
            raise MemberNotFoundError() from None
