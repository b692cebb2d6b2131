"""A group's life told as groups tells it, built from groups' published language: each event
carries its change and the next version. A story told `whole` tells it as groups did before
version 2 of its events, each carrying the whole group after the change."""

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from contexts.groups.contracts import events as groups
from kernel.ids import new_id
from kernel.integration_event import IntegrationEvent
from kernel.rfc3339 import rfc3339

CREATED_AT = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


class GroupStory:
    def __init__(self, owner_id: UUID, name: str = "Crew", *, whole: bool = False) -> None:
        self.group_id = new_id()
        self.owner_id = owner_id
        self.name = name
        self.version = 0
        self.roles: dict[UUID, str] = {}
        self.whole = whole
        """Whether each event is told as before version 2; a story may switch, as groups did."""

    def created(self, *member_ids: UUID) -> IntegrationEvent:
        self.roles = {self.owner_id: "owner", **dict.fromkeys(member_ids, "member")}
        return self._told(groups.GroupCreated, **self._group())

    def renamed(self, name: str) -> IntegrationEvent:
        self.name = name
        return self._told(groups.GroupRenamed, name=name)

    def member_added(self, user_id: UUID, role: str = "member") -> IntegrationEvent:
        self.roles[user_id] = role
        return self._told(
            groups.MemberAdded, user_id=str(user_id), role=role, joined_at=rfc3339(CREATED_AT), name=self.name
        )

    def member_removed(self, user_id: UUID) -> IntegrationEvent:
        del self.roles[user_id]
        return self._told(groups.MemberRemoved, user_id=str(user_id))

    def role_changed(self, user_id: UUID, role: str) -> IntegrationEvent:
        if role == "owner":
            self.roles[self.owner_id] = "admin"
            self.owner_id = user_id
        self.roles[user_id] = role
        return self._told(groups.MemberRoleChanged, user_id=str(user_id), role=role)

    def deleted(self) -> IntegrationEvent:
        return self._told(groups.GroupDeleted)

    def members(self) -> list[groups.PublishedMember]:
        return [
            groups.PublishedMember(user_id=str(user_id), role=role, joined_at=rfc3339(CREATED_AT))
            for user_id, role in self.roles.items()
        ]

    def _group(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "owner_id": str(self.owner_id),
            "members": self.members(),
            "created_at": rfc3339(CREATED_AT),
        }

    def _told(self, payload: type[groups.GroupEventPayload], **change: Any) -> IntegrationEvent:
        self.version += 1
        told: dict[str, Any] = {
            "group_id": str(self.group_id),
            "version": self.version,
            "actor_id": str(self.owner_id),
        }
        if not self.whole:
            return payload(**told, **change).to_event(subject=str(self.group_id), time=CREATED_AT)
        return IntegrationEvent(
            type=payload.TYPE,
            source="groups",
            subject=str(self.group_id),
            time=CREATED_AT,
            # Before data version 2 an addition's member was found among the group's, by `user_id`.
            data={**told, **{k: v for k, v in change.items() if k != "joined_at"}, **self._group()},
            data_version=1,
        )
