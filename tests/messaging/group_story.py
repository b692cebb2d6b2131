"""A group's life told as groups tells it: each event carries the whole group after the change
and the next version, built from groups' published language."""

from datetime import UTC, datetime
from uuid import UUID

from contexts.groups.contracts import events as groups
from kernel.ids import new_id
from kernel.integration_event import IntegrationEvent
from kernel.rfc3339 import rfc3339

CREATED_AT = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


class GroupStory:
    def __init__(self, owner_id: UUID, name: str = "Crew") -> None:
        self.group_id = new_id()
        self.owner_id = owner_id
        self.name = name
        self.version = 0
        self.roles: dict[UUID, str] = {}

    def created(self, *member_ids: UUID) -> IntegrationEvent:
        self.roles = {self.owner_id: "owner", **dict.fromkeys(member_ids, "member")}
        return self._told(groups.GroupCreated)

    def renamed(self, name: str) -> IntegrationEvent:
        self.name = name
        return self._told(groups.GroupRenamed)

    def member_added(self, user_id: UUID, role: str = "member") -> IntegrationEvent:
        self.roles[user_id] = role
        return self._told(groups.MemberAdded, user_id=str(user_id), role=role)

    def member_removed(self, user_id: UUID) -> IntegrationEvent:
        del self.roles[user_id]
        return self._told(groups.MemberRemoved, user_id=str(user_id))

    def role_changed(self, user_id: UUID, role: str) -> IntegrationEvent:
        self.roles[user_id] = role
        return self._told(groups.MemberRoleChanged, user_id=str(user_id), role=role)

    def deleted(self) -> IntegrationEvent:
        return self._told(groups.GroupDeleted)

    def _told(self, payload: type[groups.GroupEventPayload], **extra: str) -> IntegrationEvent:
        self.version += 1
        told = payload(
            group_id=str(self.group_id),
            version=self.version,
            name=self.name,
            owner_id=str(self.owner_id),
            members=[
                groups.Member(user_id=str(user_id), role=role, joined_at=rfc3339(CREATED_AT))
                for user_id, role in self.roles.items()
            ],
            created_at=rfc3339(CREATED_AT),
            actor_id=str(self.owner_id),
            **extra,
        )
        return told.to_event(subject=str(self.group_id), time=CREATED_AT)
