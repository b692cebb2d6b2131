"""The JSON of groups' routes. The limits are the domain's own constants, so OpenAPI shows the
rules the domain enforces; the domain checks them again, and what pydantic cannot express
(surrounding white space, control and invisible characters) only there."""

from datetime import datetime
from typing import Annotated, Literal, Self
from uuid import UUID

from pydantic import BaseModel, Field

from contexts.groups.application.list_groups import GroupPage
from contexts.groups.domain.group_name import GROUP_NAME_MAX_LENGTH, GROUP_NAME_MIN_LENGTH
from contexts.groups.domain.membership import Membership
from contexts.groups.domain.snapshot import GroupSnapshot
from contexts.groups.domain.who_can_add import WhoCanAdd
from contexts.groups.ports.group_listing import LISTED_MEMBERS, GroupListing

MEMBER_IDS_MAX = 100
"""Users listed when creating a group; more are added one by one."""

GroupNameField = Annotated[
    str,
    Field(
        min_length=GROUP_NAME_MIN_LENGTH,
        max_length=GROUP_NAME_MAX_LENGTH,
        description="Free text that shows what it holds: no control, format (bidi, zero-width) or"
        " invisible filler characters, a zero-width joiner or non-joiner only between visible"
        " characters; surrounding white space is removed.",
    ),
]


class NewGroup(BaseModel):
    name: GroupNameField
    member_ids: list[UUID] = Field(
        default_factory=list,
        max_length=MEMBER_IDS_MAX,
        description="Users who join as `member`. Each must exist (else 422) and let the caller add them"
        " (else 403); an id listed twice, or the caller's own id, counts once (the caller is the owner).",
    )


class GroupSettings(BaseModel):
    who_can_add_me: Literal["everyone", "contacts"] = Field(
        description="Who may add the caller to groups, by creating one or adding a member:"
        " `everyone` (the default), or `contacts`, the people who already share a group with the"
        " caller; anyone else is refused (403). Groups the caller is in already stay as they are."
    )

    @classmethod
    def of(cls, who_can_add_me: WhoCanAdd) -> Self:
        return cls(who_can_add_me=who_can_add_me.value)


class GroupRename(BaseModel):
    name: GroupNameField


class NewMember(BaseModel):
    user_id: UUID = Field(description="Must exist, else 422, and let the caller add them, else 403.")
    role: Literal["member", "admin"] = Field(
        "member", description="Only the owner may add an `admin`; an admin adding one gets 403."
    )


class RoleChange(BaseModel):
    role: Literal["member", "admin", "owner"] = Field(
        description="`owner` hands ownership over: the caller, the owner until now, becomes an `admin`."
    )


class Member(BaseModel):
    user_id: UUID
    role: Literal["owner", "admin", "member"]
    joined_at: datetime

    @classmethod
    def of(cls, member: Membership) -> Self:
        return cls(user_id=member.user_id, role=member.role.value, joined_at=member.joined_at)


class Group(BaseModel):
    id: UUID
    name: str
    owner_id: UUID
    members: list[Member] = Field(description="In the order they joined.")
    created_at: datetime

    @classmethod
    def of(cls, group: GroupSnapshot) -> Self:
        return cls(
            id=group.id,
            name=group.name,
            owner_id=group.owner_id,
            members=[Member.of(member) for member in group.members],
            created_at=group.created_at,
        )


class GroupSummary(BaseModel):
    id: UUID
    name: str
    owner_id: UUID
    members: list[Member] = Field(
        description=f"The first {LISTED_MEMBERS} in the order they joined: all of them when"
        " `member_count` is not larger. The group itself (`GET /api/v1/groups/{id}`) names them all."
    )
    member_count: int
    created_at: datetime

    @classmethod
    def of(cls, group: GroupListing) -> Self:
        return cls(
            id=group.id,
            name=group.name,
            owner_id=group.owner_id,
            members=[Member.of(member) for member in group.members],
            member_count=group.member_count,
            created_at=group.created_at,
        )


class GroupList(BaseModel):
    items: list[GroupSummary] = Field(description="The oldest first, then by id.")
    next_cursor: str | None = Field(
        description="Pass it as `cursor` for the next page; null on the last page. Opaque."
    )

    @classmethod
    def of(cls, page: GroupPage) -> Self:
        return cls(items=[GroupSummary.of(group) for group in page.items], next_cursor=page.next_cursor)
