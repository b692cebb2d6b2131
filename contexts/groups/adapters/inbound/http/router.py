from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from contexts.groups.adapters.inbound.http.schemas import (
    Group,
    GroupList,
    GroupRename,
    GroupSettings,
    NewGroup,
    NewMember,
    RoleChange,
)
from contexts.groups.application.add_member import AddMember
from contexts.groups.application.change_member_role import ChangeMemberRole
from contexts.groups.application.choose_who_can_add import ChooseWhoCanAdd
from contexts.groups.application.create_group import CreateGroup
from contexts.groups.application.delete_group import DeleteGroup
from contexts.groups.application.get_group import GetGroup
from contexts.groups.application.get_who_can_add import GetWhoCanAdd
from contexts.groups.application.list_groups import ListGroups
from contexts.groups.application.remove_member import RemoveMember
from contexts.groups.application.rename_group import RenameGroup
from infra.limits.rate_limit import RateLimit
from infra.web.auth import CurrentPrincipal
from infra.web.paging import UNKNOWN_CURSOR, PageCursor, PageSize
from infra.web.rate_limited import RATE_LIMITED, rate_limited
from infra.web.responses import UNAUTHORIZED, Responses

_GROUP_ROUTE: Responses = {
    **UNAUTHORIZED,
    404: {"description": "No such group, or the caller is not a member of it"},
    409: {"description": "Other requests kept changing the group at the same time; try again"},
}
_MEMBER_ROUTE: Responses = {
    **_GROUP_ROUTE,
    404: {"description": "No such group, or the caller or `user_id` is not a member of it"},
}
_ADDING: Responses = {
    429: {
        **RATE_LIMITED[429],
        "description": "The caller made too many changes to groups, or a user being added was added to"
        " too many groups lately (the problem names them); try again after `Retry-After` seconds",
    }
}
"""What a route that adds users answers beyond RATE_LIMITED: each added user has a limit too."""


def build_router(
    *,
    create_group: CreateGroup,
    list_groups: ListGroups,
    get_who_can_add: GetWhoCanAdd,
    choose_who_can_add: ChooseWhoCanAdd,
    get_group: GetGroup,
    rename_group: RenameGroup,
    add_member: AddMember,
    change_member_role: ChangeMemberRole,
    remove_member: RemoveMember,
    delete_group: DeleteGroup,
    change_limit: RateLimit,
) -> APIRouter:
    router = APIRouter(tags=["groups"])
    changing = [rate_limited(change_limit)]

    @router.post(
        "/api/v1/groups",
        dependencies=changing,
        status_code=201,
        summary="Create a group, owned by the caller",
        responses={
            **UNAUTHORIZED,
            **_ADDING,
            403: {
                "description": "`member_ids` lists users who let only people sharing a group with them"
                " add them, and the caller is not one (the problem names them)"
            },
            422: {"description": "Invalid name, or `member_ids` lists unknown users"},
        },
    )
    async def create(body: NewGroup, principal: CurrentPrincipal) -> Group:
        return Group.of(await create_group(principal.user_id, body.name, body.member_ids))

    @router.get(
        "/api/v1/groups",
        summary="A page of the groups the caller belongs to, oldest first",
        description="Without `cursor`: the first page. With the `next_cursor` of a page: the page after it.",
        responses={**UNAUTHORIZED, **UNKNOWN_CURSOR},
    )
    async def groups(
        principal: CurrentPrincipal,
        limit: Annotated[PageSize, Query(description="At most this many groups.")] = 50,
        cursor: PageCursor = None,
    ) -> GroupList:
        return GroupList.of(await list_groups(principal.user_id, cursor=cursor, limit=limit))

    # Before the routes of `/api/v1/groups/{group_id}`, which would take `settings` for a group id.
    @router.get(
        "/api/v1/groups/settings",
        summary="The caller's settings for groups: who may add them",
        responses=UNAUTHORIZED,
    )
    async def settings(principal: CurrentPrincipal) -> GroupSettings:
        return GroupSettings.of(await get_who_can_add(principal.user_id))

    @router.put(
        "/api/v1/groups/settings",
        dependencies=changing,
        summary="Choose who may add the caller to groups",
        responses={**UNAUTHORIZED, **RATE_LIMITED, 422: {"description": "The body is invalid"}},
    )
    async def choose_settings(body: GroupSettings, principal: CurrentPrincipal) -> GroupSettings:
        return GroupSettings.of(await choose_who_can_add(principal.user_id, body.who_can_add_me))

    @router.get(
        "/api/v1/groups/{group_id}",
        summary="A group the caller belongs to",
        responses={**UNAUTHORIZED, 404: _GROUP_ROUTE[404]},
    )
    async def group(group_id: UUID, principal: CurrentPrincipal) -> Group:
        return Group.of(await get_group(principal.user_id, group_id))

    @router.patch(
        "/api/v1/groups/{group_id}",
        dependencies=changing,
        summary="Rename a group (owner or admin)",
        responses={**_GROUP_ROUTE, **RATE_LIMITED, 403: {"description": "The caller is a plain member"}},
    )
    async def rename(group_id: UUID, body: GroupRename, principal: CurrentPrincipal) -> Group:
        return Group.of(await rename_group(principal.user_id, group_id=group_id, name=body.name))

    @router.post(
        "/api/v1/groups/{group_id}/members",
        dependencies=changing,
        status_code=201,
        summary="Add a member (owner or admin; only the owner adds admins)",
        responses={
            **_GROUP_ROUTE,
            **_ADDING,
            403: {
                "description": "The caller is a plain member, or an admin adding an admin, or the user"
                " lets only people sharing a group with them add them and the caller is not one"
            },
            409: {"description": "The user is already a member, or other requests kept changing the group"},
            422: {"description": "The user is unknown, or the body is invalid"},
        },
    )
    async def add(group_id: UUID, body: NewMember, principal: CurrentPrincipal) -> Group:
        return Group.of(
            await add_member(principal.user_id, group_id=group_id, user_id=body.user_id, role=body.role)
        )

    @router.patch(
        "/api/v1/groups/{group_id}/members/{user_id}",
        dependencies=changing,
        summary="Change a member's role (owner only); making a member the owner hands ownership over",
        responses={
            **_MEMBER_ROUTE,
            **RATE_LIMITED,
            403: {"description": "The caller is not the owner"},
            409: {
                "description": "The owner's own role changes only by making another member the owner,"
                " or other requests kept changing the group"
            },
        },
    )
    async def change_role(
        group_id: UUID, user_id: UUID, body: RoleChange, principal: CurrentPrincipal
    ) -> Group:
        return Group.of(
            await change_member_role(principal.user_id, group_id=group_id, user_id=user_id, role=body.role)
        )

    @router.delete(
        "/api/v1/groups/{group_id}/members/{user_id}",
        dependencies=changing,
        status_code=204,
        response_class=Response,
        summary="Remove a member, or leave (the caller's own id)",
        description="The owner or an admin removes anyone but the owner; anyone may leave. The owner"
        " cannot leave while other members remain (409): they make another member the owner first."
        " An owner who is the last member leaving deletes the group.",
        responses={
            **_MEMBER_ROUTE,
            **RATE_LIMITED,
            403: {"description": "A plain member removing someone else, or anyone removing the owner"},
            409: {
                "description": "The owner leaving while other members remain, or other requests kept"
                " changing the group"
            },
        },
    )
    async def remove(group_id: UUID, user_id: UUID, principal: CurrentPrincipal) -> None:
        await remove_member(principal.user_id, group_id=group_id, user_id=user_id)

    @router.delete(
        "/api/v1/groups/{group_id}",
        dependencies=changing,
        status_code=204,
        response_class=Response,
        summary="Delete a group (owner only)",
        responses={**_GROUP_ROUTE, **RATE_LIMITED, 403: {"description": "The caller is not the owner"}},
    )
    async def delete(group_id: UUID, principal: CurrentPrincipal) -> None:
        await delete_group(principal.user_id, group_id=group_id)

    return router
